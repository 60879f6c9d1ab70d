// The cards' texts. Languages beside English are added as another table with the same keys.
const TEXTS = {
  en: {
    now_playing: "Now playing",
    nothing_playing: "Nothing is playing",
    coming_up: "Coming up",
    nothing_coming: "Nothing coming up",
    requests: "Requests",
    no_requests: "No request is waiting for approval",
    approve: "Approve",
    decline: "Decline",
    downloads: "Downloads",
    no_downloads: "Nothing is downloading",
    cancel: "Cancel",
    stack_health: "Stack health",
    up: "up",
    down: "down",
    paused: "paused",
    pending: "pending",
    maintenance: "maintenance",
    unreachable: "not reachable",
    today: "Today",
    tomorrow: "Tomorrow",
    left: "left",
    ago: "ago",
    more: "more",
    latest: "Latest on Plex",
    media: "Media stack",
  },
};

export function t(hass, key) {
  const language = (hass?.locale?.language || hass?.language || "en").split("-")[0];
  return (TEXTS[language] || TEXTS.en)[key] ?? TEXTS.en[key] ?? key;
}
