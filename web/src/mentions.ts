// Composing mentions in a group: typing "@" (and the start of a name) offers the group's members;
// picking one writes "@Name " and remembers who it is, so that the send can list them in
// `mentions`. Only names still in the text when it is sent count.
import { h, setChildren } from "./dom.js";

/** Someone who can be mentioned. */
export interface Mentionable {
  readonly userId: string;
  readonly name: string;
}

/** The "@word" being typed just before the caret. */
const TYPING_MENTION = /(?:^|\s)@([^\s@]*)$/;
const MAX_OFFERED = 8;

export class MentionPicker {
  readonly element = h("ul", { class: "mention-picker", id: "mention-picker", role: "listbox", hidden: true });
  #members: Promise<Mentionable[]> | undefined;
  readonly #picked = new Map<string, Mentionable>();
  #offered: Mentionable[] = [];
  #selected = 0;

  constructor(
    readonly input: HTMLInputElement,
    /** The group's members other than us (asked once, on the first "@"). */
    readonly loadMembers: () => Promise<Mentionable[]>,
  ) {
    input.addEventListener("input", () => void this.#update());
    input.addEventListener("blur", () => setTimeout(() => this.#hide(), 150));
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** Handles the keys that drive the list while it is open; true when the key was used. */
  onKeydown(event: KeyboardEvent): boolean {
    if (!this.open) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.#selected = (this.#selected + step + this.#offered.length) % this.#offered.length;
      this.#draw();
    } else if (event.key === "Enter" || event.key === "Tab") {
      const member = this.#offered[this.#selected];
      if (member) this.#pick(member);
    } else if (event.key === "Escape") {
      this.#hide();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** The user ids to mention in `text`: those picked whose "@Name" is still there. */
  mentions(text: string): string[] {
    return [...this.#picked.values()].filter((m) => text.includes(`@${m.name}`)).map((m) => m.userId);
  }

  /** Forgets the picks (after a send). */
  reset(): void {
    this.#picked.clear();
    this.#hide();
  }

  async #update(): Promise<void> {
    const typed = this.input.value.slice(0, this.input.selectionStart ?? this.input.value.length).match(TYPING_MENTION);
    if (!typed) return this.#hide();
    this.#members ??= this.loadMembers().catch((err) => {
      console.warn("group members:", err);
      this.#members = undefined; // ask again on the next "@"
      return [];
    });
    const members = await this.#members;
    const prefix = (typed[1] ?? "").toLowerCase();
    const offered = members.filter((m) => m.name.toLowerCase().includes(prefix)).slice(0, MAX_OFFERED);
    // The text may have moved on while the members loaded.
    if (!TYPING_MENTION.test(this.input.value.slice(0, this.input.selectionStart ?? this.input.value.length))) return this.#hide();
    this.#offered = offered;
    this.#selected = 0;
    if (offered.length === 0) return this.#hide();
    this.element.hidden = false;
    this.#draw();
  }

  #draw(): void {
    setChildren(
      this.element,
      ...this.#offered.map((member, i) =>
        h(
          "li",
          {
            class: `mention-option${i === this.#selected ? " selected" : ""}`,
            role: "option",
            "aria-selected": i === this.#selected ? "true" : "false",
            "data-user-id": member.userId,
            // mousedown, not click: the input's blur would hide the list first.
            onmousedown: (e: MouseEvent) => {
              e.preventDefault();
              this.#pick(member);
            },
          },
          `@${member.name}`,
        ),
      ),
    );
  }

  /** Replaces the "@word" before the caret with "@Name ". */
  #pick(member: Mentionable): void {
    const caret = this.input.selectionStart ?? this.input.value.length;
    const before = this.input.value.slice(0, caret).replace(/@[^\s@]*$/, `@${member.name} `);
    this.input.value = before + this.input.value.slice(caret);
    this.input.setSelectionRange(before.length, before.length);
    this.#picked.set(member.userId, member);
    this.#hide();
    this.input.focus();
  }

  #hide(): void {
    this.element.hidden = true;
    this.#offered = [];
  }
}
