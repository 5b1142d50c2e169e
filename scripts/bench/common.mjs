// Shared by the node bench clients: a pause, the sign-in, the app's diagnostics, a hub connection as
// the wall screens open one (WebSockets straight away, no negotiation), a committed change, percentiles.
import { HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const sessionCookieName = "mc.session";

// Signs in through the real form (GET /sign-in for the antiforgery token and cookie, then POST) as
// the run's Admin (BENCH_EMAIL, BENCH_PASSWORD from lib.sh); returns the "mc.session=..." cookie, the
// value of a Cookie header. One session is shared by every simulated screen of a run.
export async function signIn(base, email = process.env.BENCH_EMAIL, password = process.env.BENCH_PASSWORD) {
  if (!email || !password) {
    throw new Error("signIn: BENCH_EMAIL and BENCH_PASSWORD are not set (lib.sh's bench_account creates them)");
  }
  const cookiePairs = (response) => response.headers.getSetCookie().map((c) => c.split(";")[0]);
  const form = await fetch(`${base}/sign-in`, { redirect: "manual" });
  const html = await form.text();
  if (!form.ok) {
    throw new Error(`GET /sign-in: HTTP ${form.status}`);
  }
  const token = /name="__RequestVerificationToken"[^>]*value="([^"]+)"/.exec(html)?.[1];
  if (!token) {
    throw new Error("GET /sign-in: no __RequestVerificationToken in the form");
  }
  const decode = (s) => s.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookiePairs(form).join("; "), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _handler: "sign-in", __RequestVerificationToken: decode(token), "Input.Email": email, "Input.Password": password }),
  });
  await response.text();
  const session = cookiePairs(response).find((c) => c.startsWith(`${sessionCookieName}=`) && c.length > sessionCookieName.length + 1);
  if (response.status !== 302 || !session) {
    throw new Error(`POST /sign-in as ${email}: HTTP ${response.status}${session ? "" : ", no session cookie"}`);
  }
  return session;
}

// The session cookie ("mc.session=...") as Playwright's context.addCookies wants it.
export function browserCookie(base, cookie) {
  const i = cookie.indexOf("=");
  return { name: cookie.slice(0, i), value: cookie.slice(i + 1), url: base };
}

// Memory after a full collection, connections, current version (needs Live__DiagnosticsEndpoint=true
// and an Admin's session cookie).
export async function diagnostics(base, cookie) {
  const response = await fetch(`${base}/internal/diagnostics`, { headers: { Cookie: cookie }, redirect: "manual" });
  if (!response.ok) {
    throw new Error(`/internal/diagnostics: HTTP ${response.status} (is Live__DiagnosticsEndpoint=true, and the session an Admin's?)`);
  }
  return response.json();
}

// reconnectMs: retry forever at that interval, as a wall does; without it, no reconnect. cookie: the
// session ("mc.session=..."), sent on the WebSocket's upgrade request as a wall's browser sends it.
export function hubConnection(base, path, reconnectMs, cookie) {
  const builder = new HubConnectionBuilder()
    .withUrl(`${base}${path}`, { transport: HttpTransportType.WebSockets, skipNegotiation: true, headers: { Cookie: cookie } })
    .configureLogging(LogLevel.None);
  if (reconnectMs) {
    builder.withAutomaticReconnect({ nextRetryDelayInMilliseconds: () => reconnectMs });
  }
  return builder.build();
}

// An Npgsql connection string (the app's setting) as node-postgres options.
export function npgsqlToPg(cs) {
  const kv = Object.fromEntries(cs.split(";").filter(Boolean).map((p) => { const i = p.indexOf("="); return [p.slice(0, i).trim().toLowerCase(), p.slice(i + 1).trim()]; }));
  return { host: kv.host, port: Number(kv.port ?? 5432), database: kv.database, user: kv.username ?? kv["user id"], password: kv.password };
}

// The p-th percentile (nearest rank); NaN for no values.
export function pct(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// One completed case in a province, committed with its dirty mark, as every writer does it. Returns
// clock() read just before the COMMIT is sent (performance.now() by default; Date.now() to compare
// with timestamps taken in a browser on the same machine).
export async function commitEvent(client, province, clock = () => performance.now()) {
  await client.query("begin");
  await client.query(`/* bench */ insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
      status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected)
    select y, $1, $1 || '-01', 4, 2, d, 1, d, 2, d, 5000000, 5000000, 0
    from (select (case when extract(month from d) >= 10 then extract(year from d) + 1 else extract(year from d) end)::smallint y, d
          from (select (now() at time zone 'Asia/Ho_Chi_Minh')::date d) t) x`, [province]);
  await client.query(`/* bench */ insert into refresh_dirty (stat_year, province_code, from_day)
    select (case when extract(month from d) >= 10 then extract(year from d) + 1 else extract(year from d) end)::smallint, $1, d
    from (select (now() at time zone 'Asia/Ho_Chi_Minh')::date d) t
    on conflict (stat_year, province_code) do update set mark = nextval('refresh_mark_seq'),
      from_day = case when refresh_dirty.from_day is null or excluded.from_day is null then null else least(refresh_dirty.from_day, excluded.from_day) end`, [province]);
  const t0 = clock();
  await client.query("commit");
  return t0;
}
