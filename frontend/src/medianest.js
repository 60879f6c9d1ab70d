// MediaNest's frontend module: its cards and the "Media stack" dashboard's strategy.
import { CARDS } from "./cards.js";
import { MedianestDashboardStrategy } from "./strategy.js";

function register() {
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
}

// Home Assistant loads this module beside its own app, which installs a scoped custom element
// registry polyfill as window.customElements: an element defined before that is lost (the
// dashboard then fails with "Timeout waiting for strategy element" about one load in three).
// Define the elements once the app has defined its own root element, in the registry it uses.
if (window.CustomElementRegistryPolyfill) {
  register();
} else {
  customElements.whenDefined("home-assistant").then(register);
}
