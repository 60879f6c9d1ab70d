// Unit tests of the cards' pure parts: node --test frontend/test/
import assert from "node:assert/strict";
import { test } from "node:test";
import { HTMLElement } from "@lit-labs/ssr-dom-shim";

// Node has no DOM: the strategy element extends the shim Lit itself uses outside a browser.
globalThis.HTMLElement ??= HTMLElement;
const { dayLabel, speed, timeLeft, CARDS } = await import("../src/cards.js");
const { LANGUAGES, known, missingTexts, t } = await import("../src/i18n.js");
const { cardsFor } = await import("../src/strategy.js");

const hass = (language) => ({ locale: { language } });

test("Sonarr's and Radarr's time left", () => {
  assert.equal(timeLeft("00:01:30"), 90);
  assert.equal(timeLeft("1.02:00:00"), 93600);
  assert.equal(timeLeft(null), null);
  assert.equal(timeLeft("soon"), null);
});

test("speeds below a megabyte a second are kilobytes", () => {
  assert.equal(speed(50_000), "50 kB/s");
  assert.equal(speed(12_345_678), "12.3 MB/s");
  assert.equal(speed(null), "");
});

test("a release is on its date, an episode at its air time", () => {
  const today = new Date();
  const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  // Radarr's midnight UTC is that date in every time zone.
  assert.equal(dayLabel(hass("en"), { start: `${date}T00:00:00+00:00`, all_day: true }), "Today");
  assert.equal(dayLabel(hass("de"), { start: `${date}T00:00:00+00:00`, all_day: true }), "Heute");
  const tomorrow = new Date(today.getTime() + 86400000);
  tomorrow.setHours(21, 0, 0, 0);
  assert.match(dayLabel(hass("en"), { start: tomorrow.toISOString(), all_day: false }), /^Tomorrow 9:00\sPM$/);
});

test("every language has every text", () => {
  assert.deepEqual(missingTexts(), []);
  assert.deepEqual(LANGUAGES.sort(), ["de", "en", "es", "fr", "it", "nl"]);
  assert.equal(t(hass("fr-CA"), "approve"), "Approuver");
  assert.equal(t(hass("sv"), "approve"), "Approve");
  assert.equal(t(hass("de"), "new_episodes", { count: 3 }), "3 neue Folgen");
  // A service's own word: translated where known, else as the service said it.
  assert.equal(known(hass("de"), "state_importPending", "importPending"), "wartet auf Import");
  assert.equal(known(hass("de"), "state_somethingNew", "somethingNew"), "somethingNew");
});

test("the dashboard has the cards of the services set up", () => {
  assert.deepEqual(cardsFor([]), []);
  assert.deepEqual(
    cardsFor([{ kind: "seerr" }]).map((c) => c.type),
    ["custom:medianest-requests", "custom:medianest-stack-health"],
  );
  const all = cardsFor(["plex", "seerr", "sonarr", "qbittorrent"].map((kind) => ({ kind })));
  // Every card, each once.
  assert.deepEqual(all.map((c) => c.type).sort(), Object.keys(CARDS).map((name) => `custom:${name}`).sort());
});
