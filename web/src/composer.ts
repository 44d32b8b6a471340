// The composer under a chat: writes a new message, a reply (showing what it answers) or the new
// text of one of our messages; in a group, "@" offers the members to mention (mentions.ts); the
// paperclip button attaches images and files. The chat view does the sending.
import type { Message } from "@easychat/sdk";
import { h, setChildren } from "./dom.js";
import { paperclip } from "./media.js";
import { type Mentionable, MentionPicker } from "./mentions.js";
import { preview } from "./messages.js";
import { quoteElement, quoteOf } from "./replies.js";

export interface ComposerHandlers {
  /** Sends a new message, as a reply to `replyTo` when given, mentioning `mentions` (user ids). */
  send(text: string, replyTo: Message | undefined, mentions: string[]): void;
  /** Saves an edit; the composer leaves edit mode when it resolves, keeps the text when it fails. */
  saveEdit(message: Message, text: string): Promise<void>;
  /** Sends picked files (images as image messages, the rest as files), answering `replyTo` when given. */
  attach(files: File[], replyTo: Message | undefined): void;
  /** Called as the person types. */
  typing(): void;
  /** Who can be mentioned (groups only: without it, "@" is just text). */
  members?: () => Promise<Mentionable[]>;
}

type Mode = { kind: "new" } | { kind: "reply"; to: Message } | { kind: "edit"; message: Message };

export class Composer {
  readonly element: HTMLElement;
  readonly #input = h("input", { id: "composer-input", placeholder: "Write a message…", autocomplete: "off", maxlength: 4096 });
  readonly #submit = h("button", { class: "primary", id: "composer-send", type: "submit" }, "Send");
  readonly #file = h("input", { type: "file", id: "composer-file", multiple: true, hidden: true });
  readonly #attach = h(
    "button",
    { class: "ghost attach", id: "composer-attach", type: "button", title: "Attach an image or a file", "aria-label": "Attach an image or a file", onclick: () => this.#file.click() },
    paperclip(),
  );
  readonly #context = h("div", { class: "composer-context", id: "composer-context", hidden: true });
  readonly #picker: MentionPicker | undefined;
  #mode: Mode = { kind: "new" };

  constructor(readonly handlers: ComposerHandlers) {
    this.#picker = handlers.members && new MentionPicker(this.#input, handlers.members);
    this.element = h(
      "div",
      { class: "composer-wrap" },
      this.#picker?.element,
      this.#context,
      h("form", { class: "composer", id: "composer", onsubmit: (e: SubmitEvent) => this.#onSubmit(e) }, this.#attach, this.#file, this.#input, this.#submit),
    );
    this.#file.addEventListener("change", () => this.#onFiles());
    this.#input.addEventListener("input", () => handlers.typing());
    this.#input.addEventListener("keydown", (e) => {
      if (this.#picker?.onKeydown(e)) return;
      if (e.key === "Escape" && this.#mode.kind !== "new") this.cancel();
    });
  }

  get text(): string {
    return this.#input.value;
  }

  focus(): void {
    this.#input.focus();
  }

  /** Answers `message`: the next send quotes it. */
  replyTo(message: Message, senderName: string): void {
    if (this.#mode.kind === "edit") this.#input.value = "";
    this.#setMode({ kind: "reply", to: message }, "Replying to", quoteElement(quoteOf(message), senderName));
  }

  /** Puts one of our messages' text in the composer; the next submit saves it. */
  edit(message: Message): void {
    this.#input.value = preview(message);
    this.#setMode({ kind: "edit", message }, "Editing your message", null);
  }

  /** Back to writing a new message. */
  cancel(): void {
    if (this.#mode.kind === "edit") this.#input.value = "";
    this.#setMode({ kind: "new" }, "", null);
  }

  #setMode(mode: Mode, label: string, quote: HTMLElement | null): void {
    this.#mode = mode;
    this.#context.hidden = mode.kind === "new";
    this.#context.dataset.mode = mode.kind;
    this.#submit.textContent = mode.kind === "edit" ? "Save" : "Send";
    // An edit changes text only.
    this.#attach.disabled = mode.kind === "edit";
    setChildren(
      this.#context,
      h("span", { class: "composer-context-label" }, label),
      quote,
      h("button", { class: "ghost small", id: "composer-cancel", type: "button", "aria-label": "Cancel", onclick: () => this.cancel() }, "✕"),
    );
    this.focus();
  }

  #onFiles(): void {
    const files = [...(this.#file.files ?? [])];
    this.#file.value = ""; // picking the same file again is a change too
    const mode = this.#mode;
    if (files.length === 0 || mode.kind === "edit") return;
    this.handlers.attach(files, mode.kind === "reply" ? mode.to : undefined);
    if (mode.kind === "reply") this.cancel();
    else this.focus();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.#input.value.trim();
    const mode = this.#mode;
    if (mode.kind === "edit") {
      if (!text || text === preview(mode.message)) return this.cancel();
      this.#submit.disabled = true;
      this.handlers
        .saveEdit(mode.message, text)
        .then(() => this.#mode === mode && this.cancel())
        .catch(() => {}) // the chat view said why; keep the text to try again
        .finally(() => (this.#submit.disabled = false));
      return;
    }
    if (!text) return;
    this.#input.value = "";
    const mentions = this.#picker?.mentions(text) ?? [];
    this.#picker?.reset();
    this.handlers.send(text, mode.kind === "reply" ? mode.to : undefined, mentions);
    if (mode.kind === "reply") this.cancel();
  }
}
