// Entry point: resolve the server, resume or ask for a login, then run the app.
import type { EasyChatClient } from "@easychat/sdk";
import { App } from "./app.js";
import { forgetLogin, resumeLogin, showAuth } from "./auth.js";
import { resolveServerUrl } from "./config.js";
import { h, setChildren } from "./dom.js";
import { describeError } from "./errors.js";

async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) throw new Error("missing #app");
  const serverUrl = await resolveServerUrl();

  const run = (client: EasyChatClient) => {
    const app = new App(client, root, () => {
      forgetLogin(serverUrl);
      location.hash = "";
      showAuth(root, serverUrl, run);
    });
    app.start().catch((err) => console.error("start:", err));
  };

  try {
    const resumed = await resumeLogin(serverUrl);
    if (resumed) run(resumed);
    else showAuth(root, serverUrl, run);
  } catch (err) {
    // The server is unreachable: say so, and let the user retry.
    setChildren(
      root,
      h(
        "div",
        { class: "auth-screen" },
        h("div", { class: "auth-card" }, h("h1", { class: "brand" }, "EasyChat"), h("p", { class: "form-error" }, `Cannot reach ${serverUrl}: ${describeError(err)}`), h("button", { class: "primary", onclick: () => location.reload() }, "Retry")),
      ),
    );
  }
}

void main();
