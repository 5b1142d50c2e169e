// Shared by the node bench clients: a pause, the app's diagnostics, a hub connection as the wall
// screens open one (WebSockets straight away, no negotiation), a committed change, percentiles.
import { HubConnectionBuilder, HttpTransportType, LogLevel } from "@microsoft/signalr";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Memory after a full collection, connections, current version (needs Live__DiagnosticsEndpoint=true).
export async function diagnostics(base) {
  const response = await fetch(`${base}/internal/diagnostics`);
  if (!response.ok) {
    throw new Error(`/internal/diagnostics: HTTP ${response.status} (is Live__DiagnosticsEndpoint=true?)`);
  }
  return response.json();
}

// reconnectMs: retry forever at that interval, as a wall does; without it, no reconnect.
export function hubConnection(base, path, reconnectMs) {
  const builder = new HubConnectionBuilder()
    .withUrl(`${base}${path}`, { transport: HttpTransportType.WebSockets, skipNegotiation: true })
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
