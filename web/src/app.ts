// The logged-in app: the real-time session, the shared state (conversations, friends, groups,
// requests, read positions) and the page layout. Panels and the chat view render from this state.
import {
  type ChatSession,
  type Conversation,
  type EasyChatClient,
  type Friend,
  type FriendRequest,
  type Group,
  type Message,
  type ReadReceiptEvent,
  RequestDirection,
  RequestState,
  type SessionState,
  type User,
} from "@easychat/sdk";
import { ChatView } from "./chat.js";
import { renderContacts } from "./contacts.js";
import { renderConversations } from "./conversations.js";
import { h, logo, setChildren, toast } from "./dom.js";
import { describeError } from "./errors.js";
import { renderGroups } from "./groups.js";
import { MediaUrls } from "./media.js";
import { MessageSearch } from "./search.js";

type Tab = "chats" | "contacts" | "groups";

/** Polling for what has no push event (friend requests, new friends and groups). */
const POLL_MS = 4000;

export class App {
  readonly client: EasyChatClient;
  readonly session: ChatSession;
  readonly me: User;
  readonly conversations = new Map<string, Conversation>();
  friends: Friend[] = [];
  groups: Group[] = [];
  /** Users the caller blocked: their single chat is closed both ways until unblocked. */
  blocked = new Map<string, User>();
  requests: FriendRequest[] = [];
  /** Read positions of other members: conversation id → user id → read seq. */
  readonly readPositions = new Map<string, Map<string, bigint>>();
  /** Download URLs of the pictures and files shown, kept across conversations until they expire. */
  readonly mediaUrls: MediaUrls;
  readonly #names = new Map<string, string>();
  readonly #nameLookups = new Map<string, Promise<string>>();
  #chat: ChatView | undefined;
  #tab: Tab = "chats";
  #wasLive = false;
  #poll: ReturnType<typeof setInterval> | undefined;

  // Layout parts.
  readonly #panel = h("div", { class: "panel", id: "panel" });
  readonly #chatPane = h("section", { class: "chat-pane", id: "chat-pane" });
  readonly #banner = h("div", { class: "banner", id: "reconnect-banner", role: "status", hidden: true });
  readonly #status = h("span", { class: "status", id: "connection-status" });
  readonly #tabs = new Map<Tab, HTMLButtonElement>();
  readonly #sidebar = h("aside", { class: "sidebar" });
  readonly #search = new MessageSearch(this, (active) => this.#sidebar.classList.toggle("searching", active));

  constructor(
    client: EasyChatClient,
    readonly root: HTMLElement,
    readonly onLogout: () => void,
  ) {
    this.client = client;
    this.mediaUrls = new MediaUrls(client);
    const me = client.user;
    if (!me) throw new Error("not logged in");
    this.me = me;
    this.#names.set(me.userId, me.nickname);
    this.session = client.session();
    this.session.on("message", (m) => this.#onMessage(m));
    this.session.on("readReceipt", (r) => this.#onReadReceipt(r));
    this.session.on("typing", (t) => {
      if (t.userId !== this.me.userId) this.#chat?.showTyping(t.conversationId, t.userId);
    });
    this.session.on("recall", (m) => this.#chat?.onRecall(m));
    this.session.on("edit", (m) => this.#onEdit(m));
    this.session.on("reaction", (r) => this.#chat?.onReaction(r));
    this.session.on("presence", (p) => {
      const friend = this.friends.find((f) => f.user?.userId === p.userId);
      if (friend) friend.online = p.online;
      this.#chat?.refreshSubtitle();
      this.render();
    });
    this.session.on("state", (state) => this.#onState(state));
    this.session.on("error", (err) => console.warn("easychat session:", err));
  }

  /** Builds the page and loads the lists. */
  async start(): Promise<void> {
    this.#layout();
    this.#onState(this.session.state);
    await Promise.all([this.refreshConversations(), this.refreshFriends(), this.refreshGroups(), this.refreshRequests(), this.refreshBlocked()]);
    this.#poll = setInterval(() => void this.#pollLists(), POLL_MS);
    const fromHash = decodeURIComponent(location.hash.match(/^#\/c\/(.+)$/)?.[1] ?? "");
    if (fromHash) await this.openConversation(fromHash);
  }

  async logout(): Promise<void> {
    clearInterval(this.#poll);
    this.session.close();
    await this.client.logout().catch(() => {});
    this.onLogout();
  }

  // --- state loading ----------------------------------------------------------------------------

  async refreshConversations(): Promise<void> {
    const fresh = new Map<string, Conversation>();
    let pageToken = "";
    do {
      const page = await this.client.im.listConversations({ pageSize: 100, pageToken });
      for (const c of page.conversations) fresh.set(c.conversationId, c);
      pageToken = page.nextPageToken;
    } while (pageToken);
    this.conversations.clear();
    for (const [id, c] of fresh) this.conversations.set(id, c);
    for (const c of fresh.values()) if (c.name && c.peerUserId) this.#names.set(c.peerUserId, c.name);
    this.render();
  }

  async refreshFriends(): Promise<void> {
    this.friends = (await this.client.social.listFriends({ pageSize: 100 })).friends;
    for (const f of this.friends) if (f.user) this.#names.set(f.user.userId, f.remark || f.user.nickname);
    this.render();
  }

  async refreshGroups(): Promise<void> {
    this.groups = (await this.client.social.listMyGroups({ pageSize: 100 })).groups;
    this.render();
  }

  async refreshRequests(): Promise<void> {
    this.requests = (await this.client.social.listFriendRequests({ direction: RequestDirection.UNSPECIFIED, pageSize: 50 })).requests;
    this.render();
  }

  async refreshBlocked(): Promise<void> {
    const blocked = new Map<string, User>();
    let pageToken = "";
    do {
      const page = await this.client.social.listBlockedUsers({ pageSize: 100, pageToken });
      for (const b of page.blockedUsers) if (b.user) blocked.set(b.user.userId, b.user);
      pageToken = page.nextPageToken;
    } while (pageToken);
    this.blocked = blocked;
    this.render();
  }

  /** Incoming friend requests still waiting for an answer. */
  get pendingIncoming(): FriendRequest[] {
    return this.requests.filter((r) => r.state === RequestState.PENDING && r.toUser?.userId === this.me.userId);
  }

  async #pollLists(): Promise<void> {
    try {
      const friendsBefore = this.friends.length;
      await Promise.all([this.refreshRequests(), this.refreshFriends(), this.refreshGroups()]);
      // A new friend or group brings a new conversation, which no message announced yet.
      if (this.friends.length !== friendsBefore) await this.refreshConversations();
    } catch (err) {
      console.warn("refresh failed:", err);
    }
  }

  /** A user's display name: cached, else looked up (re-rendering once known). */
  userName(userId: string): string {
    const known = this.#names.get(userId);
    if (known !== undefined) return known;
    if (!this.#nameLookups.has(userId)) {
      const lookup = this.client.users
        .getUser({ userId })
        .then((r) => r.user?.nickname ?? "Someone")
        .catch(() => "Someone")
        .then((name) => {
          this.#names.set(userId, name);
          this.render();
          return name;
        });
      this.#nameLookups.set(userId, lookup);
    }
    return "…";
  }

  // --- conversations ----------------------------------------------------------------------------

  /**
   * Opens a conversation in the chat pane (fetching it when not in the list yet), at message
   * `seq` when given (a search hit), else at the newest.
   */
  async openConversation(conversationId: string, seq?: bigint): Promise<void> {
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      try {
        conversation = (await this.client.im.getConversation({ conversationId })).conversation;
      } catch (err) {
        toast(describeError(err), "error");
        return;
      }
      if (!conversation) return;
      this.conversations.set(conversationId, conversation);
    }
    if (conversation.groupId && !this.groups.some((g) => g.groupId === conversation.groupId)) {
      // Added to a group since the last poll: load it for the chat header.
      await this.refreshGroups().catch(() => {});
    }
    this.#chat?.close();
    this.#chat = new ChatView(this, conversation);
    this.#search.setOpenConversation(conversation);
    setChildren(this.#chatPane, this.#chat.element);
    history.replaceState(null, "", `${location.search}#/c/${encodeURIComponent(conversationId)}`);
    this.root.classList.add("chat-open");
    this.render();
    const chat = this.#chat;
    await chat.load();
    if (seq !== undefined) await chat.reveal(seq);
  }

  closeConversation(): void {
    this.#chat?.close();
    this.#chat = undefined;
    this.#search.setOpenConversation(undefined);
    this.root.classList.remove("chat-open");
    setChildren(this.#chatPane, emptyChat());
    history.replaceState(null, "", location.search || location.pathname);
    this.render();
  }

  get openConversationId(): string | undefined {
    return this.#chat?.conversation.conversationId;
  }

  /** Marks a conversation read up to `seq` (the server sends the peer a read receipt). */
  markRead(conversationId: string, seq: bigint): void {
    const c = this.conversations.get(conversationId);
    if (c) {
      if (seq <= c.readSeq) return;
      c.readSeq = seq;
      c.unreadCount = c.maxSeq > seq ? c.maxSeq - seq : 0n;
      // The server clears the marker once we read past every message mentioning us.
      if (seq >= c.maxSeq) c.mentioned = false;
      this.render();
    }
    this.session.markRead(conversationId, seq).catch((err) => console.warn("mark read failed:", err));
  }

  #onMessage(message: Message): void {
    const id = message.conversationId;
    const c = this.conversations.get(id);
    if (!c) {
      // A conversation the list does not have yet (a new friend or group): load it whole.
      void this.refreshConversations().then(() => this.#chat?.onMessage(message));
      return;
    }
    if (message.seq > c.maxSeq) c.maxSeq = message.seq;
    c.lastMessage = message;
    c.updateTime = message.sendTime;
    c.hidden = false;
    if (message.senderId === this.me.userId) {
      // Sending reads everything before it.
      if (message.seq > c.readSeq) c.readSeq = message.seq;
    } else {
      // The author has read up to their own message.
      this.notePosition(id, message.senderId, message.seq);
      if (message.mentionsAll || message.mentionedUserIds.includes(this.me.userId)) c.mentioned = true;
    }
    c.unreadCount = c.maxSeq > c.readSeq ? c.maxSeq - c.readSeq : 0n;
    this.#chat?.onMessage(message);
    this.render();
  }

  #onEdit(message: Message): void {
    const c = this.conversations.get(message.conversationId);
    if (c?.lastMessage?.messageId === message.messageId) {
      c.lastMessage = message;
      this.render();
    }
    this.#chat?.onEdit(message);
  }

  #onReadReceipt(event: ReadReceiptEvent): void {
    for (const p of event.positions) this.notePosition(event.conversationId, p.userId, p.readSeq);
    if (this.#chat?.conversation.conversationId === event.conversationId) this.#chat.refreshTicks();
  }

  /** Records that `userId` has read `conversationId` up to `seq` (never moving back). */
  notePosition(conversationId: string, userId: string, seq: bigint): void {
    if (userId === this.me.userId) return;
    let positions = this.readPositions.get(conversationId);
    if (!positions) this.readPositions.set(conversationId, (positions = new Map()));
    if (seq > (positions.get(userId) ?? 0n)) positions.set(userId, seq);
  }

  #onState(state: SessionState): void {
    const labels: Record<SessionState, string> = {
      connecting: "Connecting…",
      syncing: "Syncing…",
      live: "Online",
      reconnecting: "Offline",
      closed: "Disconnected",
    };
    this.#status.textContent = labels[state];
    this.#status.dataset.state = state;
    const problem = this.#wasLive && state !== "live";
    this.#banner.hidden = !problem;
    this.#banner.textContent =
      state === "syncing" ? "Reconnected — catching up on messages…" :
      state === "closed" ? "Disconnected. Log in again to continue." :
      "Connection lost — reconnecting…";
    if (state === "closed" && this.client.token) toast("Your session ended: log in again.", "error");
    if (state === "live") {
      // Counts may have moved while offline (reads on other devices): reload the list.
      if (this.#wasLive) void this.refreshConversations().catch(() => {});
      this.#wasLive = true;
    }
  }

  // --- rendering --------------------------------------------------------------------------------

  #layout(): void {
    const tab = (id: Tab, label: string) => {
      const button = h("button", { class: "tab", id: `tab-${id}`, type: "button", onclick: () => this.#selectTab(id) }, label);
      this.#tabs.set(id, button);
      return button;
    };
    setChildren(
      this.root,
      h(
        "div",
        { class: "shell" },
        h(
          "header",
          { class: "topbar" },
          h("div", { class: "brand" }, logo(), "EasyChat"),
          this.#status,
          h("div", { class: "spacer" }),
          h("span", { class: "me", id: "me" }, this.me.nickname),
          h("button", { class: "ghost", id: "logout", type: "button", onclick: () => void this.logout() }, "Log out"),
        ),
        this.#banner,
        h(
          "main",
          { class: "layout" },
          this.#sidebar,
          this.#chatPane,
        ),
      ),
    );
    setChildren(this.#sidebar, this.#search.element, h("nav", { class: "tabs" }, tab("chats", "Chats"), tab("contacts", "Contacts"), tab("groups", "Groups")), this.#panel);
    setChildren(this.#chatPane, emptyChat());
    this.#selectTab(this.#tab);
  }

  #selectTab(tab: Tab): void {
    this.#tab = tab;
    for (const [id, button] of this.#tabs) button.classList.toggle("active", id === tab);
    this.#panel.dataset.tab = tab;
    this.render();
  }

  /** Re-renders the sidebar panel and the tab badges from the state. */
  render(): void {
    const unread = [...this.conversations.values()].reduce((n, c) => n + (c.muted ? 0n : c.unreadCount), 0n);
    setBadge(this.#tabs.get("chats"), unread);
    setBadge(this.#tabs.get("contacts"), BigInt(this.pendingIncoming.length));
    const focused = document.activeElement;
    // Panels with forms keep their own elements between renders (see contacts.ts, groups.ts).
    if (this.#tab === "chats") renderConversations(this, this.#panel);
    else if (this.#tab === "contacts") renderContacts(this, this.#panel);
    else renderGroups(this, this.#panel);
    this.#search.refresh();
    if (focused instanceof HTMLElement && document.contains(focused)) focused.focus();
  }
}

function setBadge(button: HTMLElement | undefined, count: bigint): void {
  if (!button) return;
  button.querySelector(".badge")?.remove();
  if (count > 0n) button.append(h("span", { class: "badge" }, count > 99n ? "99+" : String(count)));
}

function emptyChat(): HTMLElement {
  return h("div", { class: "empty-chat" }, h("div", { class: "empty-mark" }, logo()), h("p", null, "Pick a conversation, or find friends under Contacts."));
}
