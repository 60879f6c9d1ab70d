// The "Media" dashboard, generated from the user's MediaNest entries.
import { sectionsOnce } from "./store.js";
import { t } from "./i18n.js";

const SHOWS = {
  "medianest-now-playing": ["plex"],
  "medianest-recently-added": ["plex"],
  "medianest-requests": ["seerr"],
  "medianest-downloads": ["sonarr", "radarr", "qbittorrent", "downloader"],
  "medianest-coming-up": ["sonarr", "radarr"],
  "medianest-stack-health": null, // every service
};

// The generated dashboard shows more downloads than a card's default (10).
const OPTIONS = { "medianest-downloads": { max_items: 20 } };

// The cards for the services set up; a card whose services are missing is left out.
export function cardsFor(sections) {
  const kinds = new Set(sections.map((s) => s.kind));
  return Object.entries(SHOWS)
    .filter(([, needs]) => needs === null ? kinds.size > 0 : needs.some((k) => kinds.has(k)))
    .map(([type]) => ({ type: `custom:${type}`, ...OPTIONS[type] }));
}

export class MedianestDashboardStrategy extends HTMLElement {
  static async generate(config, hass) {
    const sections = await sectionsOnce(hass);
    return {
      title: t(hass, "media"),
      views: [
        {
          title: t(hass, "media"),
          path: "media",
          icon: "mdi:multimedia",
          cards: cardsFor(sections),
        },
      ],
    };
  }
}
