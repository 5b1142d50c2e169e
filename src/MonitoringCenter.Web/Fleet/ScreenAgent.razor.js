// A paired screen's agent: SignalR's JSON protocol over a plain WebSocket (no bundle needed), a status
// report on connect and every few seconds, and the commands the fleet page pushes.
const agent = document.getElementById("screen-agent");
const RS = "\u001e";
const started = performance.now();
const errors = [];
let socket = null;
let reportTimer = 0;
let retry = 1000;

for (const style of [["cursor", "none"], ["overflow", "hidden"], ["user-select", "none"]]) {
  document.documentElement.style.setProperty(style[0], style[1]);
}
document.documentElement.dataset.screen = "true";

// The playlist: each view for its seconds, then the next, as a full load (a wall starts fresh). A view
// outside the list (the fleet page switched the screen to it) stays for the first item's time, then
// the rotation starts again from the first item. A "follow-alerts" item is no view: while a critical
// alert is new in a province, the screen goes to that province for the item's seconds, then back to
// the view it left, and the rotation goes on from there. Each alert is followed once (this tab keeps
// which ones).
const FOLLOW = "follow-alerts";
const items = JSON.parse(agent?.dataset.playlist || "[]");
const follow = items.find((item) => item.path === FOLLOW);
const playlist = items.filter((item) => item.path !== FOLLOW);
let following = null;
try {
  following = JSON.parse(sessionStorage.getItem("mc.follow") || "null");
} catch { /* nothing kept */ }
// A leader presents to this screen's room: it stays on the presented view (the presenter's changes
// come as Navigate commands), with no rotation and no following until the presentation ends.
const presented = agent?.dataset.presented || "";
if (presented && location.pathname + location.search !== presented) {
  location.replace(presented);
}
if (following && !(following.until > Date.now() && location.pathname === following.path)) {
  sessionStorage.removeItem("mc.follow");
  following = null;
}
if (presented) {
  document.documentElement.dataset.presented = "true";
} else if (following) {
  document.documentElement.dataset.following = String(following.alert);
  window.setTimeout(() => {
    sessionStorage.removeItem("mc.follow");
    location.assign(following.back);
  }, following.until - Date.now());
} else if (playlist.length > 0) {
  const here = location.pathname + location.search;
  const at = playlist.findIndex((item) => item.path === here);
  if (playlist.length > 1 || at < 0) {
    const next = playlist[(at + 1) % playlist.length];
    window.setTimeout(() => location.assign(next.path), (at >= 0 ? playlist[at].seconds : playlist[0].seconds) * 1000);
  }
}

function followAlert(alertId, province) {
  if (!follow || following || presented || typeof province !== "string" || !/^[0-9A-Za-z]{1,8}$/.test(province)) return;
  let seen = [];
  try { seen = JSON.parse(sessionStorage.getItem("mc.followed") || "[]"); } catch { /* start afresh */ }
  if (seen.includes(alertId)) return;
  seen.push(alertId);
  sessionStorage.setItem("mc.followed", JSON.stringify(seen.slice(-50)));
  const path = "/wall/provinces/" + province;
  following = { alert: alertId, path, until: Date.now() + follow.seconds * 1000, back: location.pathname + location.search };
  sessionStorage.setItem("mc.follow", JSON.stringify(following));
  location.assign(path);
}

// Night dimming of the room: inside its window (minutes since midnight, the center's time zone) the
// screen dims itself, apart from the fleet page's dim/undim.
const night = (agent?.dataset.night || "").split("-").map(Number);
if (night.length === 2) {
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: agent.dataset.timeZone, hour: "2-digit", minute: "2-digit", hour12: false });
  const check = () => {
    const [h, m] = clock.format(new Date()).split(":").map(Number);
    const now = (h % 24) * 60 + m;
    const [from, to] = night;
    const inside = from < to ? now >= from && now < to : now >= from || now < to;
    overlay("screen-night", "background:#000;opacity:.6").hidden = !inside;
  };
  check();
  window.setInterval(check, 60_000);
}

// Burn-in care: the page drifts slowly around eight positions within 4 px, one step per interval.
const shifts = [[0, 0], [2, 1], [4, 2], [2, 3], [0, 4], [-2, 3], [-4, 2], [-2, 1]];
const shiftMs = Number(agent?.dataset.shiftMs ?? "300000");
let shift = 0;
document.body.style.transition = `transform ${Math.min(60000, shiftMs / 10)}ms linear`;
window.setInterval(() => {
  shift = (shift + 1) % shifts.length;
  const [x, y] = shifts[shift];
  document.body.style.transform = `translate(${x}px, ${y}px)`;
  document.documentElement.dataset.shift = String(shift);
}, shiftMs);

window.addEventListener("error", (e) => remember(e.message || String(e.error)));
window.addEventListener("unhandledrejection", (e) => remember("unhandled: " + String(e.reason)));

function remember(message) {
  errors.push(`${new Date().toISOString().slice(11, 19)} ${message}`.slice(0, 300));
  if (errors.length > 5) errors.shift();
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message) + RS);
}

function report() {
  send({
    type: 1,
    target: "Report",
    arguments: [{
      view: location.pathname + location.search,
      build: agent.dataset.build,
      width: window.innerWidth,
      height: window.innerHeight,
      uptimeSeconds: Math.round((performance.now() - started) / 1000),
      errors: errors.slice(),
    }],
  });
}

function overlay(id, css) {
  let element = document.getElementById(id);
  if (!element) {
    element = document.createElement("div");
    element.id = id;
    element.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;pointer-events:none;" + css);
    document.body.appendChild(element);
  }
  return element;
}

let identifyTimer = 0;
const commands = {
  Reload: () => location.reload(),
  Navigate: (path) => { if (typeof path === "string" && path.startsWith("/wall")) location.assign(path); },
  Identify: (name, seconds) => {
    const element = overlay("screen-identify",
      "display:flex;align-items:center;justify-content:center;background:rgba(0,40,120,.85);color:#fff;font:700 12vh/1.1 system-ui,sans-serif;text-align:center;padding:4vh");
    element.textContent = name;
    element.hidden = false;
    clearTimeout(identifyTimer);
    identifyTimer = setTimeout(() => { element.hidden = true; }, (seconds || 10) * 1000);
  },
  FollowAlert: followAlert,
  SetDimmed: (dimmed) => { overlay("screen-dim", "background:#000;opacity:.7").hidden = !dimmed; },
  Revoked: () => location.replace(agent.dataset.pair),
};

function connect() {
  const url = new URL(agent.dataset.hub, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(url);
  socket = ws;
  let buffer = "";
  let handshaken = false;
  ws.onopen = () => ws.send(JSON.stringify({ protocol: "json", version: 1 }) + RS);
  ws.onmessage = (event) => {
    buffer += event.data;
    let end;
    while ((end = buffer.indexOf(RS)) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const message = JSON.parse(frame);
      if (!handshaken) {
        handshaken = true;
        if (message.error) { ws.close(); return; }
        retry = 1000;
        report();
        clearInterval(reportTimer);
        reportTimer = setInterval(report, Number(agent.dataset.reportMs) || 15000);
        continue;
      }
      if (message.type === 1 && commands[message.target]) {
        commands[message.target](...(message.arguments || []));
      } else if (message.type === 6) {
        send({ type: 6 });
      } else if (message.type === 7) {
        ws.close();
      }
    }
  };
  ws.onclose = () => {
    clearInterval(reportTimer);
    socket = null;
    // Refused (revoked, or the server gone): ask /screen, which shows a code when the credential no longer stands.
    setTimeout(async () => {
      try {
        const response = await fetch(agent.dataset.pair + "/poll", { cache: "no-store", credentials: "same-origin" });
        const state = await response.json();
        if (state.state !== "paired") { location.replace(agent.dataset.pair); return; }
      } catch { /* server unreachable: keep trying */ }
      retry = Math.min(retry * 2, 30000);
      connect();
    }, retry);
  };
}

connect();
