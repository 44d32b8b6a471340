// Sign-up and log-in screen, and the token kept across reloads.
import { Code, ConnectError, EasyChatClient } from "@easychat/sdk";
import { h, logo, setChildren } from "./dom.js";
import { describeError } from "./errors.js";

// One saved login per server, so pointing the app at another server does not reuse a token.
const storageKey = (serverUrl: string) => `easychat.token:${serverUrl}`;

/** A client logged in with the token saved by an earlier visit, or undefined. */
export async function resumeLogin(serverUrl: string): Promise<EasyChatClient | undefined> {
  const token = localStorage.getItem(storageKey(serverUrl));
  if (!token) return undefined;
  const client = new EasyChatClient({ baseUrl: serverUrl, token });
  try {
    await client.refreshUser();
    return client;
  } catch (err) {
    if (err instanceof ConnectError && err.code === Code.Unauthenticated) {
      forgetLogin(serverUrl);
      return undefined;
    }
    throw err;
  }
}

export function saveLogin(serverUrl: string, client: EasyChatClient): void {
  if (client.token) localStorage.setItem(storageKey(serverUrl), client.token);
}

export function forgetLogin(serverUrl: string): void {
  localStorage.removeItem(storageKey(serverUrl));
}

/** Shows the sign-up / log-in forms in `root`; calls `done` with the logged-in client. */
export function showAuth(root: HTMLElement, serverUrl: string, done: (client: EasyChatClient) => void): void {
  let mode: "login" | "signup" = "login";
  const error = h("p", { class: "form-error", role: "alert" });
  const phone = h("input", { id: "auth-phone", type: "tel", placeholder: "+8613800138000", required: true, autocomplete: "username" });
  const password = h("input", { id: "auth-password", type: "password", placeholder: "At least 8 characters", required: true, minlength: 8, autocomplete: "current-password" });
  const nickname = h("input", { id: "auth-nickname", placeholder: "How friends see you", maxlength: 32, autocomplete: "nickname" });
  const nicknameRow = h("label", { class: "field" }, "Nickname", nickname);
  const submit = h("button", { id: "auth-submit", class: "primary", type: "submit" });
  const loginTab = h("button", { type: "button", class: "tab", id: "tab-login", onclick: () => setMode("login") }, "Log in");
  const signupTab = h("button", { type: "button", class: "tab", id: "tab-signup", onclick: () => setMode("signup") }, "Sign up");

  const setMode = (next: typeof mode) => {
    mode = next;
    loginTab.classList.toggle("active", mode === "login");
    signupTab.classList.toggle("active", mode === "signup");
    nicknameRow.hidden = mode === "login";
    nickname.required = mode === "signup";
    password.autocomplete = mode === "login" ? "current-password" : "new-password";
    submit.textContent = mode === "login" ? "Log in" : "Create account";
    error.textContent = "";
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    error.textContent = "";
    submit.disabled = true;
    const client = new EasyChatClient({ baseUrl: serverUrl });
    try {
      if (mode === "signup") {
        await client.register({ phone: phone.value.trim(), password: password.value, nickname: nickname.value.trim() });
      } else {
        await client.login(phone.value.trim(), password.value);
      }
      saveLogin(serverUrl, client);
      done(client);
    } catch (err) {
      error.textContent = describeError(err);
    } finally {
      submit.disabled = false;
    }
  };

  setChildren(
    root,
    h(
      "div",
      { class: "auth-screen" },
      h(
        "form",
        { class: "auth-card", id: "auth-form", onsubmit: onSubmit },
        h("h1", { class: "brand" }, logo(), "EasyChat"),
        h("div", { class: "tabs" }, loginTab, signupTab),
        h("label", { class: "field" }, "Phone number", phone),
        h("label", { class: "field" }, "Password", password),
        nicknameRow,
        error,
        submit,
        h("p", { class: "muted small" }, "Server: ", h("code", null, serverUrl)),
      ),
    ),
  );
  setMode(mode);
}
