// A TCP proxy whose "network" can be cut: the e2e test puts one between a page and the server to
// drop its live connections the way a real outage does (Chromium's offline emulation leaves open
// streams alone, so it cannot test reconnecting).
import { connect, createServer } from "node:net";

/** Proxies 127.0.0.1:<free port> to `target` (an http URL); resolves with its URL and controls. */
export function startProxy(target) {
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  let down = false;
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on("error", close);
      socket.on("close", close);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        /** Drops every open connection and refuses new ones until restore(). */
        cut() {
          down = true;
          for (const socket of sockets) socket.destroy();
        },
        restore() {
          down = false;
        },
        close() {
          for (const socket of sockets) socket.destroy();
          server.close();
        },
      });
    });
  });
}
