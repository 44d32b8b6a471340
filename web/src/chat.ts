// The chat view of one conversation: history paged backward, live messages (new, recalled,
// edited, reacted to), read ticks, typing, and sends that survive reconnects (the session retries
// with the same client_msg_id), and attachments uploaded before they are sent. Bubbles are drawn
// by bubble.ts, the composer is composer.ts.
import { type Conversation, ConversationType, type Media, MediaKind, type Message, PageDirection, type ReactionEvent, newClientMsgId } from "@easychat/sdk";
import type { App } from "./app.js";
import { type BubbleContext, messageBubble } from "./bubble.js";
import { Composer } from "./composer.js";
import type { Mentionable } from "./mentions.js";
import { avatar, h, setChildren, toast } from "./dom.js";
import { describeError } from "./errors.js";
import { kindOf } from "./media.js";
import { reactedByMe, reactionsAfter } from "./reactions.js";
import { quoteElement, quoteOf } from "./replies.js";

const PAGE_SIZE = 30;
/** How many older pages `reveal` loads, at most, to reach a message. */
const REVEAL_PAGES = 10;
/** How often to tell the peer we are typing, and how long to show their indicator. */
const TYPING_SEND_EVERY_MS = 3000;
const TYPING_SHOW_MS = 4000;

export class ChatView {
  readonly element: HTMLElement;
  readonly #messages = new Map<bigint, Message>();
  readonly #bubbles = new Map<bigint, HTMLElement>();
  readonly #pending = new Map<string, HTMLElement>();
  readonly #list = h("div", { class: "messages", id: "messages", "aria-live": "polite" });
  readonly #older = h("button", { class: "older ghost small", id: "load-older", type: "button", hidden: true, onclick: () => void this.loadOlder() }, "Load older messages");
  readonly #subtitle = h("span", { class: "chat-subtitle", id: "chat-subtitle" });
  readonly #composer: Composer;
  readonly #bubbleContext: BubbleContext;
  /** Token of the next older page: "" before the first page, undefined when there is no more. */
  #olderToken: string | undefined = "";
  #loadingOlder = false;
  #typers = new Map<string, ReturnType<typeof setTimeout>>();
  #lastTypingSent = 0;
  #closed = false;
  readonly #onVisible = () => this.#markSeen();

  constructor(
    readonly app: App,
    readonly conversation: Conversation,
  ) {
    const group = conversation.type === ConversationType.GROUP;
    this.#composer = new Composer({
      send: (text, replyTo, mentions) => this.#send(text, newClientMsgId(), replyTo, mentions),
      saveEdit: (message, text) => this.#saveEdit(message, text),
      attach: (files, replyTo) => {
        for (const file of files) this.#sendFile(file, newClientMsgId(), replyTo);
      },
      typing: () => this.#onTyping(),
      members: group ? () => this.#mentionable() : undefined,
    });
    this.element = h(
      "div",
      { class: `chat${group ? " group" : ""}`, id: "chat", "data-conversation-id": conversation.conversationId },
      h(
        "header",
        { class: "chat-header" },
        h("button", { class: "ghost back", type: "button", "aria-label": "Back", onclick: () => app.closeConversation() }, "‹"),
        avatar(conversation.name || "?", group ? "group" : ""),
        h("div", { class: "chat-title" }, h("span", { class: "chat-name", id: "chat-name" }, conversation.name), this.#subtitle),
      ),
      h("div", { class: "messages-wrap" }, this.#older, this.#list),
      this.#composer.element,
    );
    this.#bubbleContext = {
      myUserId: app.me.userId,
      showSender: group,
      userName: (userId) => app.userName(userId),
      reply: (message) => this.#composer.replyTo(message, this.#authorName(message)),
      edit: (message) => this.#composer.edit(message),
      toggleReaction: (message, emoji) => void this.#toggleReaction(message, emoji),
      showMessage: (seq) => this.#bubbles.get(seq)?.scrollIntoView({ block: "center", behavior: "smooth" }),
      media: app.mediaUrls,
      failed: (err) => toast(describeError(err), "error"),
    };
    this.#list.addEventListener("scroll", () => {
      if (this.#list.scrollTop < 40) void this.loadOlder();
    });
    document.addEventListener("visibilitychange", this.#onVisible);
    this.refreshSubtitle();
  }

  get #id(): string {
    return this.conversation.conversationId;
  }

  /** Loads the newest page and where the other members have read to. */
  async load(): Promise<void> {
    await this.loadOlder();
    await this.#loadPeerReadPosition();
    this.#scrollToBottom();
    this.#markSeen();
    this.#composer.focus();
  }

  /**
   * Brings message `seq` into view and marks it (a search hit), loading older pages until it is
   * there; gives up after REVEAL_PAGES pages, or when it is gone (recalled, deleted since).
   */
  async reveal(seq: bigint): Promise<void> {
    for (let page = 0; !this.#bubbles.has(seq) && this.#olderToken !== undefined && page < REVEAL_PAGES && !this.#closed; page++) {
      await this.loadOlder();
    }
    const bubble = this.#bubbles.get(seq);
    if (!bubble) return toast("That message is no longer in the history shown here.");
    for (const found of this.#list.querySelectorAll(".msg.found")) found.classList.remove("found");
    bubble.classList.add("found");
    bubble.scrollIntoView({ block: "center" });
  }

  /** Loads the next page of older messages, keeping the scroll position. */
  async loadOlder(): Promise<void> {
    if (this.#olderToken === undefined || this.#loadingOlder || this.#closed) return;
    this.#loadingOlder = true;
    try {
      const page = await this.app.client.im.listMessages({
        conversationId: this.#id,
        direction: PageDirection.BACKWARD,
        pageSize: PAGE_SIZE,
        pageToken: this.#olderToken,
      });
      const before = this.#list.scrollHeight;
      for (const m of page.messages) this.#add(m);
      this.#list.scrollTop += this.#list.scrollHeight - before;
      this.#olderToken = page.nextPageToken || undefined;
      this.#older.hidden = this.#olderToken === undefined;
      if (this.#messages.size === 0) setChildren(this.#list, h("p", { class: "muted center empty-history" }, "No messages yet. Say hello!"));
    } catch (err) {
      this.#older.hidden = false;
      this.#older.textContent = `Could not load history (${describeError(err)}): retry`;
    } finally {
      this.#loadingOlder = false;
    }
  }

  /** A live message from the session (any conversation). */
  onMessage(message: Message): void {
    if (message.conversationId !== this.#id || this.#closed) return;
    const nearBottom = this.#list.scrollHeight - this.#list.scrollTop - this.#list.clientHeight < 120;
    this.#add(message);
    if (nearBottom || message.senderId === this.app.me.userId) this.#scrollToBottom();
    if (message.senderId !== this.app.me.userId) {
      this.#stopTyping(message.senderId);
      this.#markSeen();
    }
  }

  onRecall(message: Message): void {
    if (message.conversationId !== this.#id || !this.#messages.has(message.seq)) return;
    this.#redraw({ ...message, replyTo: this.#messages.get(message.seq)?.replyTo });
    // Replies quoting it now show it recalled.
    for (const reply of this.#messages.values()) {
      if (reply.replyTo?.messageId === message.messageId) this.#redraw({ ...reply, replyTo: { ...reply.replyTo, snippet: "", recalled: true } });
    }
  }

  /** A message's text was edited (by us here or elsewhere, or by its sender). */
  onEdit(message: Message): void {
    const shown = this.#messages.get(message.seq);
    if (message.conversationId !== this.#id || !shown) return;
    // An edit changes the text only: keep what the event may leave out.
    this.#redraw({ ...message, reactions: shown.reactions, replyTo: message.replyTo ?? shown.replyTo });
  }

  /** Someone reacted to a message (or took a reaction back): show the counts after it. */
  onReaction(event: ReactionEvent): void {
    const shown = this.#messages.get(event.seq);
    if (event.conversationId !== this.#id || !shown) return;
    this.#redraw({ ...shown, reactions: reactionsAfter(shown.reactions, event, this.app.me.userId) });
  }

  showTyping(conversationId: string, userId: string): void {
    if (conversationId !== this.#id || this.#closed) return;
    clearTimeout(this.#typers.get(userId));
    this.#typers.set(userId, setTimeout(() => this.#stopTyping(userId), TYPING_SHOW_MS));
    this.refreshSubtitle();
  }

  /** Re-draws the ticks of own messages after a read receipt. */
  refreshTicks(): void {
    for (const [seq, bubble] of this.#bubbles) {
      const message = this.#messages.get(seq);
      if (message?.senderId === this.app.me.userId) this.#setTick(bubble, seq);
    }
  }

  close(): void {
    this.#closed = true;
    document.removeEventListener("visibilitychange", this.#onVisible);
    for (const timer of this.#typers.values()) clearTimeout(timer);
  }

  // --- messages -----------------------------------------------------------------------------------

  /** Draws a shown message again, changed (recalled, edited, reacted to). */
  #redraw(message: Message): void {
    this.#add(message, true);
  }

  /** Shows a message in seq order (once; `replace` re-draws it). */
  #add(message: Message, replace = false): void {
    const seq = message.seq;
    const existing = this.#bubbles.get(seq);
    if (existing && !replace) return;
    this.#list.querySelector(".empty-history")?.remove();
    this.#messages.set(seq, message);
    const bubble = messageBubble(message, this.#bubbleContext);
    if (message.senderId === this.app.me.userId) this.#setTick(bubble, seq);
    if (existing) {
      existing.replaceWith(bubble);
    } else {
      // Our own message replaces its pending bubble; others go before the first later one.
      const pending = this.#pending.get(message.clientMsgId);
      this.#pending.delete(message.clientMsgId);
      pending?.remove();
      let next: Element | null = null;
      for (const [otherSeq, el] of this.#bubbles) {
        if (otherSeq > seq && (!next || otherSeq < BigInt((next as HTMLElement).dataset.seq ?? "0"))) next = el;
      }
      next ??= this.#list.querySelector(".msg.pending");
      this.#list.insertBefore(bubble, next);
    }
    this.#bubbles.set(seq, bubble);
    if (message.senderId !== this.app.me.userId) this.app.notePosition(this.#id, message.senderId, seq);
  }

  /** Adds our reaction, or takes it back when we had it; the answer carries the new counts. */
  async #toggleReaction(message: Message, emoji: string): Promise<void> {
    const session = this.app.session;
    const current = this.#messages.get(message.seq) ?? message;
    try {
      const reactions = reactedByMe(current.reactions, emoji) ? await session.removeReaction(message.messageId, emoji) : await session.addReaction(message.messageId, emoji);
      const shown = this.#messages.get(message.seq);
      if (shown && !this.#closed) this.#redraw({ ...shown, reactions });
    } catch (err) {
      toast(describeError(err), "error");
    }
  }

  async #saveEdit(message: Message, text: string): Promise<void> {
    try {
      this.onEdit(await this.app.session.edit(message.messageId, text));
    } catch (err) {
      toast(describeError(err), "error");
      throw err;
    }
  }

  /** Who wrote a message, as a quote names them. */
  #authorName(message: Message): string {
    return message.senderId === this.app.me.userId ? "You" : this.app.userName(message.senderId);
  }

  /** ✓ stored, ✓✓ read by the peer (in a group: by someone). */
  #setTick(bubble: HTMLElement, seq: bigint): void {
    const tick = bubble.querySelector<HTMLElement>(".tick");
    if (!tick) return;
    const positions = this.app.readPositions.get(this.#id);
    const read = [...(positions?.values() ?? [])].some((readSeq) => readSeq >= seq);
    tick.textContent = read ? "✓✓" : "✓";
    tick.classList.toggle("read", read);
    tick.title = read ? "Read" : "Delivered";
  }

  /**
   * Read receipts only tell what moved while we watch; for what was read before, ask about our
   * newest message. Older ones are covered by the peers' own messages (authors have read those).
   */
  async #loadPeerReadPosition(): Promise<void> {
    const newestMine = [...this.#messages.values()].filter((m) => m.senderId === this.app.me.userId && !m.recalled).sort((a, b) => Number(b.seq - a.seq))[0];
    if (!newestMine) return;
    try {
      const receipts = await this.app.client.im.getReadReceipts({ messageId: newestMine.messageId });
      for (const userId of receipts.readUserIds) this.app.notePosition(this.#id, userId, newestMine.seq);
      this.refreshTicks();
    } catch (err) {
      console.warn("read receipts:", err);
    }
  }

  /** Marks everything shown as read while the page is visible. */
  #markSeen(): void {
    if (this.#closed || document.visibilityState !== "visible") return;
    const newest = [...this.#messages.keys()].reduce((a, b) => (b > a ? b : a), 0n);
    const target = newest > this.conversation.maxSeq ? newest : this.conversation.maxSeq;
    if (target > 0n) this.app.markRead(this.#id, target);
  }

  // --- composing ----------------------------------------------------------------------------------

  /** Shows a pending bubble and sends; the session retries transient failures by itself. */
  #send(text: string, clientMsgId: string, replyTo?: Message, mentions: string[] = []): void {
    const bubble = this.#pendingBubble(clientMsgId, replyTo, text, "sending…");
    this.app.session.sendText({ conversationId: this.#id }, text, { clientMsgId, replyTo: replyTo?.messageId, mentions }).catch((err) => {
      this.#notSent(bubble, clientMsgId, err, () => this.#send(text, clientMsgId, replyTo, mentions));
    });
  }

  /**
   * Uploads a picked file and sends it, as an image message when it is a picture the server takes
   * as one, else as a file message, under a pending bubble. A retry after a refused send does not
   * upload again.
   */
  #sendFile(file: File, clientMsgId: string, replyTo?: Message, uploaded?: Media): void {
    const kind = kindOf(file);
    const label = `${kind === MediaKind.IMAGE ? "📷" : "📎"} ${file.name}`;
    const bubble = this.#pendingBubble(clientMsgId, replyTo, label, uploaded ? "sending…" : "uploading…");
    const send = async () => {
      uploaded ??= await this.app.client.uploadMedia(file, { kind, mimeType: file.type || "application/octet-stream" });
      bubble.querySelector("time")?.replaceChildren("sending…");
      await this.app.session.sendMedia({ conversationId: this.#id }, uploaded, { clientMsgId, replyTo: replyTo?.messageId });
    };
    send().catch((err) => {
      this.#notSent(bubble, clientMsgId, err, () => this.#sendFile(file, clientMsgId, replyTo, uploaded));
    });
  }

  /** Our message on its way: shown at the end until the stored one replaces it (see #add). */
  #pendingBubble(clientMsgId: string, replyTo: Message | undefined, text: string, status: string): HTMLElement {
    const tick = h("span", { class: "tick" }, "🕓");
    const bubble = h(
      "div",
      { class: "msg mine pending", "data-client-msg-id": clientMsgId },
      h(
        "div",
        { class: "bubble" },
        replyTo && quoteElement(quoteOf(replyTo), this.#authorName(replyTo)),
        h("span", { class: "text" }, text),
        h("span", { class: "meta" }, h("time", null, status), tick),
      ),
    );
    this.#pending.set(clientMsgId, bubble);
    this.#list.querySelector(".empty-history")?.remove();
    this.#list.append(bubble);
    this.#scrollToBottom();
    return bubble;
  }

  /** A permanent refusal (blocked, no longer friends, muted, too large, …): says why, offers to try again. */
  #notSent(bubble: HTMLElement, clientMsgId: string, err: unknown, again: () => void): void {
    bubble.classList.add("failed");
    const retry = h("button", { class: "link small", type: "button", onclick: () => { bubble.remove(); this.#pending.delete(clientMsgId); again(); } }, "retry");
    setChildren(bubble.querySelector(".meta") ?? bubble, `Not sent: ${describeError(err)} · `, retry);
  }

  /** The group's members other than us, for the composer's "@". */
  async #mentionable(): Promise<Mentionable[]> {
    const members: Mentionable[] = [];
    let pageToken = "";
    do {
      const page = await this.app.client.social.listGroupMembers({ groupId: this.conversation.groupId, pageSize: 500, pageToken });
      for (const m of page.members) if (m.user && m.user.userId !== this.app.me.userId) members.push({ userId: m.user.userId, name: m.user.nickname });
      pageToken = page.nextPageToken;
    } while (pageToken);
    return members;
  }

  #onTyping(): void {
    const now = Date.now();
    if (now - this.#lastTypingSent < TYPING_SEND_EVERY_MS || !this.#composer.text) return;
    this.#lastTypingSent = now;
    this.app.session.sendTyping(this.#id).catch(() => {});
  }

  #stopTyping(userId: string): void {
    clearTimeout(this.#typers.get(userId));
    this.#typers.delete(userId);
    this.refreshSubtitle();
  }

  /** Typing indicator, else presence (single) or member count (group). */
  refreshSubtitle(): void {
    const typers = [...this.#typers.keys()].map((id) => this.app.userName(id));
    this.#subtitle.classList.toggle("typing", typers.length > 0);
    if (typers.length > 0) {
      this.#subtitle.textContent = this.conversation.type === ConversationType.GROUP ? `${typers.join(", ")} ${typers.length > 1 ? "are" : "is"} typing…` : "typing…";
      return;
    }
    if (this.conversation.type === ConversationType.GROUP) {
      const group = this.app.groups.find((g) => g.groupId === this.conversation.groupId);
      this.#subtitle.textContent = group ? `${group.memberCount} members` : "Group";
    } else {
      const friend = this.app.friends.find((f) => f.user?.userId === this.conversation.peerUserId);
      this.#subtitle.textContent = friend?.online ? "online" : "";
    }
  }

  #scrollToBottom(): void {
    this.#list.scrollTop = this.#list.scrollHeight;
  }
}
