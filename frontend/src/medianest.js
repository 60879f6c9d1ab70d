// MediaNest's frontend module: its cards and the "Media" dashboard's strategy.
import { CARDS } from "./cards.js";
import { MedianestDashboardStrategy } from "./strategy.js";

for (const [name, [element, title, description]] of Object.entries(CARDS)) {
  if (!customElements.get(name)) customElements.define(name, element);
  window.customCards = window.customCards || [];
  if (!window.customCards.some((c) => c.type === name)) {
    window.customCards.push({ type: name, name: `MediaNest: ${title}`, description, preview: true });
  }
}
if (!customElements.get("ll-strategy-dashboard-medianest")) {
  customElements.define("ll-strategy-dashboard-medianest", MedianestDashboardStrategy);
}
