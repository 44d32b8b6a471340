// Message search (SearchMessages): a box above the sidebar's tabs finds text in all our
// conversations, or only in the open one. Hits come newest first, paged with "More"; each shows
// its conversation, sender, time and the server's snippet with the matches marked, and opens its
// conversation at that message. While results show they take the place of the tabs and panel.
import { type Conversation, type SearchHit, type TextRange, timestampDate } from "@easychat/sdk";
import type { App } from "./app.js";
import { formatTime, h, setChildren } from "./dom.js";
import { describeError } from "./errors.js";

const PAGE_SIZE = 20;

/** What the server's refusals of a search mean here (the query is the only field we send). */
const SEARCH_ERRORS = {
  INVALID_FIELD: "Search for 1 to 100 characters.",
  RATE_LIMITED: "Too many searches: wait a minute and try again.",
  SEARCH_UNAVAILABLE: "Message search is not available on this server.",
};

export class MessageSearch {
  readonly element: HTMLElement;
  readonly #input = h("input", { id: "message-search-input", type: "search", placeholder: "Search messages", autocomplete: "off", "aria-label": "Search messages" });
  /** "Only in <open chat>": shown while a conversation is open. */
  readonly #onlyHere = h("input", { type: "checkbox", id: "message-search-here" });
  readonly #onlyHereLabel = h("label", { class: "check small", id: "message-search-here-label", hidden: true }, this.#onlyHere);
  readonly #status = h("p", { class: "hint search-status", id: "message-search-status", role: "status" });
  readonly #hits = h("ul", { class: "list search-hits", id: "message-search-results" });
  readonly #close = h("button", { class: "ghost small", id: "message-search-close", type: "button", "aria-label": "Close search", hidden: true, onclick: () => this.close() }, "✕");
  readonly #more = h("button", { class: "ghost small search-more", id: "message-search-more", type: "button", hidden: true, onclick: () => void this.#loadMore() }, "More");
  readonly #results = h("div", { class: "search-results", hidden: true }, this.#status, this.#hits, this.#more);
  #openConversation: Conversation | undefined;
  /** The search shown: its query and scope, the hits so far and the next page's token ("" at the end). */
  #shown: { query: string; conversationId: string; hits: SearchHit[]; nextPageToken: string } | undefined;
  /** Bumped by each new search or close, so that a slower, older answer is dropped. */
  #generation = 0;
  #drawnAppView = "";

  constructor(
    readonly app: App,
    /** Told when results start or stop showing (the app hides its tabs and panel meanwhile). */
    readonly onActive: (active: boolean) => void,
  ) {
    this.element = h(
      "div",
      { class: "message-search" },
      h(
        "form",
        { class: "search-form", id: "message-search-form", role: "search", onsubmit: (e: SubmitEvent) => this.#onSubmit(e) },
        this.#input,
        h("button", { class: "primary small", id: "message-search-submit", type: "submit" }, "Search"),
        this.#close,
      ),
      this.#onlyHereLabel,
      this.#results,
    );
    this.#input.addEventListener("keydown", (e) => {
      if (e.key === "Escape") this.close();
    });
  }

  get active(): boolean {
    return !this.#results.hidden;
  }

  /** The open conversation (or none) scopes "Only in …". */
  setOpenConversation(conversation: Conversation | undefined): void {
    if (conversation?.conversationId !== this.#openConversation?.conversationId) this.#onlyHere.checked = false;
    this.#openConversation = conversation;
    this.#onlyHereLabel.hidden = !conversation;
    setChildren(this.#onlyHereLabel, this.#onlyHere, `Only in ${conversation?.name || "this chat"}`);
  }

  /** Hides the results and clears the box. */
  close(): void {
    this.#generation++;
    this.#shown = undefined;
    this.#input.value = "";
    this.#setActive(false);
  }

  /**
   * Draws the hits again when what they show of the app changed: names looked up since, the open
   * conversation. Not otherwise: the app renders often, and a redraw under the pointer eats clicks.
   */
  refresh(): void {
    if (this.#shown && this.#appView() !== this.#drawnAppView) this.#drawHits();
  }

  /** What the hits show that comes from the app rather than the server. */
  #appView(): string {
    const ids = (this.#shown?.hits ?? []).map((hit) => `${hit.message?.conversationId}/${hit.message?.senderId}`);
    const names = [...new Set(ids)].map((id) => {
      const [conversationId = "", senderId = ""] = id.split("/");
      return `${this.#conversationName(conversationId)}\n${this.#senderName(senderId)}`;
    });
    return [this.app.openConversationId, ...names].join("\n");
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    // An empty box closes the search; any other length is the server's to judge.
    const query = this.#input.value;
    if (!query.trim()) return this.close();
    const conversationId = this.#onlyHere.checked ? (this.#openConversation?.conversationId ?? "") : "";
    this.#shown = { query, conversationId, hits: [], nextPageToken: "" };
    this.#setActive(true);
    this.#drawHits();
    void this.#fetch(++this.#generation);
  }

  async #loadMore(): Promise<void> {
    if (!this.#shown?.nextPageToken) return;
    this.#more.disabled = true;
    await this.#fetch(this.#generation);
    this.#more.disabled = false;
  }

  async #fetch(generation: number): Promise<void> {
    const shown = this.#shown;
    if (!shown) return;
    this.#status.classList.remove("error");
    this.#status.textContent = "Searching…";
    try {
      const page = await this.app.client.im.searchMessages({ query: shown.query, conversationId: shown.conversationId, pageSize: PAGE_SIZE, pageToken: shown.nextPageToken });
      if (generation !== this.#generation) return;
      shown.hits.push(...page.hits);
      shown.nextPageToken = page.nextPageToken;
      this.#drawHits();
    } catch (err) {
      if (generation !== this.#generation) return;
      this.#status.classList.add("error");
      this.#status.textContent = describeError(err, SEARCH_ERRORS);
    }
  }

  #drawHits(): void {
    const shown = this.#shown;
    if (!shown) return;
    const where = shown.conversationId ? ` in ${this.#conversationName(shown.conversationId)}` : "";
    const count = `${shown.hits.length}${shown.nextPageToken ? "+" : ""}`;
    this.#status.textContent = shown.hits.length === 0 && !shown.nextPageToken ? `No messages found${where}.` : `${count} message${shown.hits.length === 1 ? "" : "s"} found${where}`;
    setChildren(this.#hits, ...shown.hits.map((hit) => this.#hitItem(hit)));
    this.#drawnAppView = this.#appView();
    this.#more.hidden = !shown.nextPageToken;
  }

  #hitItem(hit: SearchHit): HTMLElement {
    const message = hit.message;
    const conversationId = message?.conversationId ?? "";
    const sender = this.#senderName(message?.senderId ?? "");
    const open = () => message && void this.app.openConversation(conversationId, message.seq);
    return h(
      "li",
      {
        class: `search-hit${conversationId === this.app.openConversationId ? " active" : ""}`,
        "data-conversation-id": conversationId,
        "data-message-id": message?.messageId ?? "",
        tabindex: 0,
        onclick: open,
        onkeydown: (e: KeyboardEvent) => e.key === "Enter" && open(),
      },
      h(
        "div",
        { class: "item-top" },
        h("span", { class: "item-name hit-conversation" }, this.#conversationName(conversationId)),
        h("span", { class: "item-time" }, formatTime(message?.sendTime && timestampDate(message.sendTime))),
      ),
      h("div", { class: "hit-text" }, h("span", { class: "hit-sender" }, `${sender}: `), highlighted(hit.snippet, hit.highlights)),
    );
  }

  #senderName(userId: string): string {
    return userId === this.app.me.userId ? "You" : this.app.userName(userId);
  }

  #conversationName(conversationId: string): string {
    return this.app.conversations.get(conversationId)?.name || "a conversation";
  }

  #setActive(active: boolean): void {
    this.#results.hidden = !active;
    this.#close.hidden = !active;
    if (!active) setChildren(this.#hits);
    this.onActive(active);
  }
}

/**
 * The snippet with its matches in <mark>, as text nodes only (never parsed as HTML). Ranges count
 * Unicode code points; ones out of order, overlapping or out of bounds are skipped.
 */
export function highlighted(snippet: string, ranges: readonly TextRange[]): HTMLElement {
  const points = Array.from(snippet);
  const parts: (string | HTMLElement)[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    if (start < at || end <= start || end > points.length) continue;
    if (start > at) parts.push(points.slice(at, start).join(""));
    parts.push(h("mark", null, points.slice(start, end).join("")));
    at = end;
  }
  if (at < points.length) parts.push(points.slice(at).join(""));
  return h("span", { class: "hit-snippet" }, ...parts);
}
