// MediaNest's cards: each shows one part of the stack from the shared subscription.
import { LitElement, css, html, nothing } from "lit";
import { subscribe } from "./store.js";
import { known, t } from "./i18n.js";

const lang = (hass) => hass?.locale?.language || hass?.language || "en";

// "in 10 min", "2 h ago": the browser's own words for the user's language.
export function relative(hass, seconds) {
  const format = new Intl.RelativeTimeFormat(lang(hass), { numeric: "auto", style: "short" });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(Math.round(seconds), "second");
  if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return format.format(Math.round(seconds / 3600), "hour");
  return format.format(Math.round(seconds / 86400), "day");
}

// "Today", "Tomorrow", "Fri 12 Dec": a release's day (all-day) or an episode's air time.
export function dayLabel(hass, item) {
  const start = item.all_day ? new Date(`${item.start.slice(0, 10)}T00:00:00`) : new Date(item.start);
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const day = new Date(start);
  day.setHours(0, 0, 0, 0);
  const days = Math.round((day - today) / 86400000);
  let label;
  if (days === 0 || days === 1) {
    label = new Intl.RelativeTimeFormat(lang(hass), { numeric: "auto" }).format(days, "day");
    label = label.charAt(0).toUpperCase() + label.slice(1);
  } else {
    const options = days > 0 && days < 7 ? { weekday: "short" } : { weekday: "short", day: "numeric", month: "short" };
    label = new Intl.DateTimeFormat(lang(hass), options).format(day);
  }
  if (!item.all_day) {
    label += " " + new Intl.DateTimeFormat(lang(hass), { hour: "numeric", minute: "2-digit" }).format(start);
  }
  return label;
}

export function speed(bytesPerSecond) {
  if (bytesPerSecond == null) return "";
  if (bytesPerSecond >= 1e6) return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
  return `${Math.round(bytesPerSecond / 1e3)} kB/s`;
}

// Sonarr's and Radarr's "01:02:03" (or "1.02:03:04") as seconds.
export function timeLeft(text) {
  const match = /^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2})/.exec(text || "");
  if (!match) return null;
  const [, d, h, m, s] = match.map((v) => Number(v || 0));
  return ((d * 24 + h) * 60 + m) * 60 + s;
}

// A message in Home Assistant's toast (a service's refusal, translated by Home Assistant).
function notify(element, message) {
  element.dispatchEvent(new CustomEvent("hass-notification", { detail: { message }, bubbles: true, composed: true }));
}

const base = css`
  :host {
    display: block;
  }
  ha-card {
    height: 100%;
  }
  .header {
    padding: 16px 16px 0;
    font-size: var(--ha-card-header-font-size, 1.25rem);
    font-weight: 500;
    color: var(--ha-card-header-color, var(--primary-text-color));
  }
  .content {
    padding: 8px 16px 16px;
  }
  .empty {
    color: var(--secondary-text-color);
    padding: 8px 0;
  }
  .totals {
    padding-top: 8px;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 8px 0;
    border-bottom: 1px solid var(--divider-color);
  }
  .row:last-child {
    border-bottom: none;
  }
  .grow {
    flex: 1;
    min-width: 0;
  }
  .title {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--primary-text-color);
  }
  .sub {
    font-size: 0.875rem;
    color: var(--secondary-text-color);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .bar {
    height: 4px;
    border-radius: 2px;
    background: var(--divider-color);
    overflow: hidden;
    margin-top: 4px;
  }
  .bar > div {
    height: 100%;
    background: var(--primary-color);
    transition: width 0.5s;
  }
  .actions {
    display: flex;
    gap: 8px;
    margin-top: 6px;
  }
  button {
    font: inherit;
    font-size: 0.875rem;
    border: none;
    border-radius: 18px;
    padding: 6px 14px;
    cursor: pointer;
    color: var(--text-primary-color, #fff);
    background: var(--primary-color);
  }
  button.secondary {
    color: var(--primary-color);
    background: transparent;
    border: 1px solid var(--primary-color);
  }
  button[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  .poster {
    width: 48px;
    height: 72px;
    border-radius: 4px;
    object-fit: cover;
    background: var(--secondary-background-color);
    flex: none;
    display: flex;
    align-items: center;
    justify-content: center;
    color: var(--secondary-text-color);
    --mdc-icon-size: 24px;
  }
  .badge {
    display: inline-block;
    font-size: 0.75rem;
    padding: 0 6px;
    margin-left: 6px;
    border-radius: 8px;
    vertical-align: middle;
    color: var(--text-primary-color, #fff);
    background: var(--warning-color, #ffa600);
  }
  .warning {
    font-size: 0.875rem;
    color: var(--warning-color, #ffa600);
    white-space: normal;
  }
`;

// A poster from Home Assistant's poster view, or the type's icon where there is none (or it fails).
export function poster(url, icon = "mdi:movie-open") {
  if (!url) return html`<div class="poster"><ha-icon icon=${icon}></ha-icon></div>`;
  return html`<img
    class="poster"
    src=${url}
    alt=""
    loading="lazy"
    decoding="async"
    @error=${(e) => e.target.replaceWith(Object.assign(document.createElement("div"), { className: "poster" }))}
  />`;
}

class MedianestCard extends LitElement {
  static properties = { hass: { attribute: false }, _config: { state: true }, _services: { state: true } };
  static styles = base;
  static kinds = [];

  static getConfigForm() {
    return {
      schema: [
        { name: "entry_id", selector: { config_entry: { integration: "medianest" } } },
        { name: "max_items", selector: { number: { min: 1, max: 50, mode: "box" } } },
      ],
    };
  }

  setConfig(config) {
    this._config = { max_items: 10, ...config };
  }

  getCardSize() {
    return 3;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.hass) this._subscribe();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._unsubscribe?.();
    this._unsubscribe = null;
  }

  updated(changed) {
    if (changed.has("hass") && this.hass && !this._unsubscribe) this._subscribe();
  }

  _subscribe() {
    this._unsubscribe = subscribe(this.hass, (services) => (this._services = services));
  }

  // The sections this card shows: its kinds, or the one entry it is set to.
  sections() {
    const kinds = this.constructor.kinds;
    return (this._services || []).filter(
      (s) => kinds.includes(s.kind) && (!this._config.entry_id || s.entry_id === this._config.entry_id),
    );
  }

  card(title, body, footer = nothing) {
    return html`<ha-card>
      <div class="header">${title}</div>
      <div class="content">${body}${footer}</div>
    </ha-card>`;
  }

  bar(percent) {
    const value = Math.max(0, Math.min(100, percent ?? 0));
    return html`<div class="bar" role="progressbar" aria-valuenow=${Math.round(value)}>
      <div style="width:${value}%"></div>
    </div>`;
  }
}

export class NowPlayingCard extends MedianestCard {
  static kinds = ["plex"];

  render() {
    if (!this._services) return nothing;
    const sessions = this.sections().flatMap((s) => (s.playing || []).map((p) => ({ ...p, server: s.title })));
    if (!sessions.length) return nothing; // idle: the card takes no room
    return this.card(
      t(this.hass, "now_playing"),
      sessions.slice(0, this._config.max_items).map(
        (p) => html`<div class="row session">
          ${poster(p.poster, p.media_type === "episode" ? "mdi:television-classic" : "mdi:movie-open")}
          <div class="grow">
            <div class="title">
              <ha-icon class="state" icon=${p.state === "paused" ? "mdi:pause" : "mdi:play"}></ha-icon>
              ${p.title}
            </div>
            <div class="sub">
              ${[p.user, p.player].filter(Boolean).join(" · ")}${p.transcode
                ? html`<span class="badge transcode">${t(this.hass, "transcode")}</span>`
                : nothing}
            </div>
            ${p.progress != null ? this.bar(p.progress) : nothing}
          </div>
        </div>`,
      ),
    );
  }
}

export class ComingUpCard extends MedianestCard {
  static kinds = ["sonarr", "radarr"];

  render() {
    if (!this._services) return nothing;
    const items = this.sections()
      .flatMap((s) => (s.upcoming || []).map((i) => ({ ...i, service: s.title })))
      .sort((a, b) => a.start.localeCompare(b.start))
      .slice(0, this._config.max_items);
    return this.card(
      t(this.hass, "coming_up"),
      items.length
        ? items.map(
            (i) => html`<div class="row upcoming">
              ${poster(i.poster, i.all_day ? "mdi:movie-open" : "mdi:television-classic")}
              <div class="grow">
                <div class="title">${i.title}</div>
                <div class="sub">
                  ${i.release ? known(this.hass, `release_${i.release}`, i.subtitle) : i.subtitle || i.service}
                </div>
              </div>
              <div class="sub when">${dayLabel(this.hass, i)}</div>
            </div>`,
          )
        : html`<div class="empty">${t(this.hass, "nothing_coming")}</div>`,
    );
  }
}

export class RequestsCard extends MedianestCard {
  static kinds = ["seerr"];
  static properties = { ...MedianestCard.properties, _busy: { state: true } };

  async _decide(entry, request, action) {
    this._busy = request.id;
    try {
      await this.hass.callService("medianest", `${action}_request`, {
        config_entry_id: entry.entry_id,
        request_id: request.id,
      });
    } catch (err) {
      notify(this, err.message);
    } finally {
      this._busy = null;
    }
  }

  // The other requests by status: "4 approved · 12 available · 1 declined".
  statusLine() {
    const totals = {};
    for (const s of this.sections()) {
      for (const [status, count] of Object.entries(s.counts || {})) totals[status] = (totals[status] || 0) + count;
    }
    const parts = ["approved", "available", "declined"]
      .filter((status) => totals[status])
      .map((status) => `${totals[status]} ${t(this.hass, `requests_${status}`)}`);
    return parts.length ? html`<div class="sub totals">${parts.join(" · ")}</div>` : nothing;
  }

  render() {
    if (!this._services) return nothing;
    const admin = this.hass?.user?.is_admin;
    const rows = this.sections().flatMap((s) => (s.pending || []).map((r) => [s, r]));
    const now = Date.now();
    return this.card(
      t(this.hass, "requests"),
      rows.length
        ? rows.slice(0, this._config.max_items).map(
            ([entry, r]) => html`<div class="row request">
              ${poster(r.poster, r.media_type === "tv" ? "mdi:television-classic" : "mdi:movie-open")}
              <div class="grow">
                <div class="title">${r.title || "?"}${r.year ? ` (${r.year})` : ""}</div>
                <div class="sub">
                  ${[r.requested_by, r.created ? relative(this.hass, (Date.parse(r.created) - now) / 1000) : null]
                    .filter(Boolean)
                    .join(" · ")}
                </div>
                ${admin
                  ? html`<div class="actions">
                      ${["approve", "decline"].map(
                        (action) => html`<button
                          class="${action} ${action === "decline" ? "secondary" : ""}"
                          ?disabled=${this._busy === r.id}
                          @click=${() => this._decide(entry, r, action)}
                        >
                          ${t(this.hass, action)}
                        </button>`,
                      )}
                    </div>`
                  : nothing}
              </div>
            </div>`,
          )
        : html`<div class="empty">${t(this.hass, "no_requests")}</div>`,
      this.statusLine(),
    );
  }
}

export class DownloadsCard extends MedianestCard {
  static kinds = ["sonarr", "radarr", "qbittorrent", "downloader"];

  items() {
    const items = [];
    for (const s of this.sections()) {
      for (const q of s.queue || []) {
        items.push({
          title: q.title,
          service: s.title,
          progress: q.progress,
          left: q.warning ? null : timeLeft(q.time_left),
          state: q.state || q.status,
          poster: q.poster,
          icon: s.kind === "sonarr" ? "mdi:television-classic" : "mdi:movie-open",
          messages: q.warning ? q.messages || [] : [],
        });
      }
      for (const tor of s.torrents || []) {
        const torrent = { device_id: s.device_id, hashes: [tor.hash] };
        items.push({
          key: `${s.entry_id}:${tor.hash}`,
          title: tor.name,
          service: s.title,
          progress: tor.progress,
          left: tor.paused ? null : tor.eta,
          speed: tor.paused ? null : tor.speed,
          state: tor.group || tor.state,
          icon: "mdi:magnet",
          action: tor.paused ? ["resume", "resume_torrents", torrent] : ["pause", "pause_torrents", torrent],
        });
      }
      for (const d of s.downloads || []) {
        if (d.finished) continue;
        items.push({
          title: d.title,
          service: s.title,
          progress: d.progress,
          left: d.eta,
          speed: d.speed,
          state: d.status,
          icon: "mdi:download",
          action: ["cancel", "cancel_download", { config_entry_id: s.entry_id, download_id: d.id }],
        });
      }
    }
    // What needs the user first (a stuck import), then what they paused or resumed here (it
    // stays in reach instead of sinking below the others), then the soonest done.
    const rank = (item) => (item.messages?.length ? 0 : this._pinned.has(item.key) ? 1 : 2);
    return items.sort((a, b) => rank(a) - rank(b) || (a.left ?? Infinity) - (b.left ?? Infinity));
  }

  _pinned = new Set();

  async _act([, service, data], key) {
    if (key) this._pinned.add(key);
    try {
      await this.hass.callService("medianest", service, data);
    } catch (err) {
      notify(this, err.message);
    }
  }

  render() {
    if (!this._services) return nothing;
    const items = this.items();
    return this.card(
      t(this.hass, "downloads"),
      items.length
        ? items.slice(0, this._config.max_items).map(
            (d) => html`<div class="row download">
              ${poster(d.poster, d.icon)}
              <div class="grow">
                <div class="title">${d.title}</div>
                <div class="sub">
                  ${[
                    d.service,
                    d.progress != null ? `${Math.round(d.progress)} %` : null,
                    speed(d.speed),
                    d.left != null ? `${relative(this.hass, d.left)}` : null,
                    d.state ? known(this.hass, `state_${d.state}`, d.state) : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </div>
                ${d.messages?.length
                  ? d.messages.map((m) => html`<div class="warning"><ha-icon icon="mdi:alert"></ha-icon> ${m}</div>`)
                  : this.bar(d.progress)}
              </div>
              ${d.action
                ? html`<button class="secondary ${d.action[0]}" @click=${() => this._act(d.action, d.key)}>
                    ${t(this.hass, d.action[0])}
                  </button>`
                : nothing}
            </div>`,
          )
        : html`<div class="empty">${t(this.hass, "no_downloads")}</div>`,
    );
  }
}

export class RecentlyAddedCard extends MedianestCard {
  static kinds = ["plex"];
  static styles = [
    base,
    css`
      .shelf {
        display: flex;
        gap: 12px;
        overflow-x: auto;
        scroll-snap-type: x proximity;
        padding-bottom: 4px;
      }
      a.item {
        flex: none;
        width: 100px;
        text-decoration: none;
        scroll-snap-align: start;
      }
      a.item .poster {
        width: 100px;
        height: 150px;
      }
      a.item .title {
        font-size: 0.875rem;
        margin-top: 4px;
      }
    `,
  ];

  render() {
    if (!this._services) return nothing;
    const items = this.sections()
      .flatMap((s) => (s.recent || []).map((i) => ({ ...i, server_id: s.server_id })))
      .sort((a, b) => (b.added || "").localeCompare(a.added || ""))
      .slice(0, this._config.max_items);
    return this.card(
      t(this.hass, "recently_added"),
      items.length
        ? html`<div class="shelf">
            ${items.map(
              (i) => html`<a
                class="item recent"
                href=${i.server_id
                  ? `https://app.plex.tv/desktop/#!/server/${i.server_id}/details?key=${encodeURIComponent(`/library/metadata/${i.rating_key}`)}`
                  : nothing}
                target="_blank"
                rel="noreferrer"
                title=${[i.title, i.year, i.library].filter(Boolean).join(" · ")}
              >
                ${poster(i.poster)}
                <div class="title">${i.title}</div>
                <div class="sub">
                  ${i.count > 1
                    ? t(this.hass, "new_episodes", { count: i.count })
                    : i.added
                      ? relative(this.hass, (Date.parse(i.added) - Date.now()) / 1000)
                      : ""}
                </div>
              </a>`,
            )}
          </div>`
        : html`<div class="empty">${t(this.hass, "nothing_added")}</div>`,
    );
  }
}

export class StackHealthCard extends MedianestCard {
  static kinds = ["plex", "seerr", "sonarr", "radarr", "prowlarr", "qbittorrent", "uptime_kuma", "downloader"];
  static styles = [
    base,
    css`
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 4px 12px;
        border-radius: 16px;
        font-size: 0.875rem;
        background: var(--secondary-background-color);
        color: var(--primary-text-color);
        cursor: pointer;
        border: 1px solid var(--divider-color);
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--success-color, #43a047);
      }
      .chip.down .dot {
        background: var(--error-color, #db4437);
      }
      .chip.paused .dot,
      .chip.pending .dot,
      .chip.maintenance .dot {
        background: var(--warning-color, #ffa600);
      }
    `,
  ];

  _open(deviceId) {
    if (!deviceId) return;
    history.pushState(null, "", `/config/devices/device/${deviceId}`);
    window.dispatchEvent(new CustomEvent("location-changed"));
  }

  render() {
    if (!this._services) return nothing;
    const chips = [];
    for (const s of this.sections()) {
      chips.push({ name: s.title, status: s.available ? "up" : "down", device: s.device_id });
      for (const m of s.monitors || []) {
        chips.push({
          name: m.name,
          status: m.status || "pending",
          device: m.device_id,
          ms: m.response_time,
        });
      }
    }
    return this.card(
      t(this.hass, "stack_health"),
      html`<div class="chips">
        ${chips.map(
          (c) => html`<span
            class="chip ${c.status}"
            role="button"
            title="${c.name}: ${t(this.hass, c.status === "down" ? "unreachable" : c.status)}"
            @click=${() => this._open(c.device)}
            ><span class="dot"></span>${c.name}${c.ms != null ? html` · ${Math.round(c.ms)} ms` : nothing}</span
          >`,
        )}
      </div>`,
    );
  }
}

export const CARDS = {
  "medianest-now-playing": [NowPlayingCard, "Now playing", "Who watches what on Plex (hidden while idle)"],
  "medianest-recently-added": [RecentlyAddedCard, "Recently added", "The newest items on Plex, as posters"],
  "medianest-coming-up": [ComingUpCard, "Coming up", "Episodes and movies Sonarr and Radarr expect"],
  "medianest-requests": [RequestsCard, "Requests", "Seerr requests waiting, with Approve and Decline"],
  "medianest-downloads": [DownloadsCard, "Downloads", "Everything downloading across the stack"],
  "medianest-stack-health": [StackHealthCard, "Stack health", "Every service and Uptime Kuma monitor"],
};
