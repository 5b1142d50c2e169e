// Shared by the node bench clients: a pause, the app's diagnostics, a hub connection as the wall
// screens open one (WebSockets straight away, no negotiation).
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
