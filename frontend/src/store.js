// One subscription to MediaNest's dashboard data, shared by every card on the page.
const listeners = new Set();
let services = null; // entry_id -> section
let unsubscribe = null;
let connection = null;

function publish() {
  const list = services ? [...services.values()] : null;
  for (const listener of listeners) listener(list);
}

function onMessage(message) {
  if (message.services) {
    services = new Map(message.services.map((s) => [s.entry_id, s]));
  } else if (message.service && services) {
    services.set(message.service.entry_id, message.service);
  }
  publish();
}

export function subscribe(hass, listener) {
  listeners.add(listener);
  if (services) listener([...services.values()]);
  if (!unsubscribe || connection !== hass.connection) {
    connection = hass.connection;
    unsubscribe = hass.connection
      .subscribeMessage(onMessage, { type: "medianest/dashboard/subscribe" })
      .catch((err) => {
        unsubscribe = null;
        console.error("MediaNest: the dashboard subscription failed", err);
      });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unsubscribe) {
      const pending = unsubscribe;
      unsubscribe = null;
      services = null;
      pending.then((stop) => stop && stop());
    }
  };
}

// The sections once (the dashboard strategy builds its cards from them).
export function sectionsOnce(hass) {
  return new Promise((resolve, reject) => {
    let stop;
    hass.connection
      .subscribeMessage(
        (message) => {
          if (message.services) {
            resolve(message.services);
            Promise.resolve(stop).then((s) => s && s());
          }
        },
        { type: "medianest/dashboard/subscribe" },
      )
      .then((s) => (stop = s), reject);
  });
}
