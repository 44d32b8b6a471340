// Where the app finds the EasyChat gRPC (grpc-web) port.
//
// The page may be served by EasyChat itself next to /ws, by a static server, or opened with a
// different backend in mind, so the URL is resolved at start-up, first match wins:
//   1. the `?server=` query parameter: `http://127.0.0.1:10090/?server=http://127.0.0.1:50051`;
//   2. `server` in a config.json served next to the app: `{"server": "http://chat.example:50051"}`;
//   3. the page's own host on the default gRPC port: `http://<page hostname>:50051`.

export const DEFAULT_GRPC_PORT = 50051;

export async function resolveServerUrl(): Promise<string> {
  const fromQuery = new URLSearchParams(location.search).get("server");
  if (fromQuery) return trimSlash(fromQuery);
  const fromConfig = await readConfigServer();
  if (fromConfig) return trimSlash(fromConfig);
  return `${location.protocol}//${location.hostname}:${DEFAULT_GRPC_PORT}`;
}

async function readConfigServer(): Promise<string | undefined> {
  try {
    const response = await fetch("config.json", { cache: "no-store" });
    if (!response.ok) return undefined;
    const config: unknown = await response.json();
    if (config && typeof config === "object" && "server" in config && typeof config.server === "string") {
      return config.server || undefined;
    }
  } catch {
    // No config.json (or not JSON): fall back to the default.
  }
  return undefined;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
