// The Contacts panel: find people, answer friend requests, open a chat with a friend, block and
// unblock people.
import { type FriendRequest, RequestState, type User } from "@easychat/sdk";
import type { App } from "./app.js";
import { avatar, h, setChildren, toast } from "./dom.js";
import { describeError } from "./errors.js";

const panels = new WeakMap<App, ContactsPanel>();

export function renderContacts(app: App, container: HTMLElement): void {
  let panel = panels.get(app);
  if (!panel) panels.set(app, (panel = new ContactsPanel(app)));
  panel.update();
  if (container.firstChild !== panel.element || container.childNodes.length !== 1) setChildren(container, panel.element);
}

/** Built once per app so that re-renders keep what is typed in the search box. */
class ContactsPanel {
  readonly element: HTMLElement;
  readonly #search = h("input", { id: "search-input", type: "search", placeholder: "Phone or nickname", required: true, maxlength: 32, "aria-describedby": "search-hint" });
  readonly #results = h("ul", { class: "list compact", id: "search-results" });
  readonly #requests = h("ul", { class: "list compact", id: "friend-requests" });
  readonly #friends = h("ul", { class: "list", id: "friend-list" });
  readonly #blockedTitle = h("h3", { class: "section-title" }, "Blocked");
  readonly #blocked = h("ul", { class: "list compact", id: "blocked-list" });
  #found: User[] | undefined;

  constructor(readonly app: App) {
    this.element = h(
      "div",
      { class: "contacts" },
      h(
        "form",
        { class: "inline-form", id: "search-form", onsubmit: (e: SubmitEvent) => void this.#onSearch(e) },
        this.#search,
        h("button", { class: "primary", type: "submit", id: "search-submit" }, "Search"),
      ),
      // The server matches a phone number only in full (it answers "is this number registered?"),
      // a nickname in part: say so, or a partial number silently finds nobody.
      h("p", { class: "hint", id: "search-hint" }, "A phone number matches only in full (+8613800138000), a nickname in part."),
      this.#results,
      h("h3", { class: "section-title" }, "Friend requests"),
      this.#requests,
      h("h3", { class: "section-title" }, "Friends"),
      this.#friends,
      this.#blockedTitle,
      this.#blocked,
    );
  }

  async #onSearch(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const keyword = this.#search.value.trim();
    if (!keyword) return;
    try {
      const { users } = await this.app.client.users.searchUsers({ keyword, pageSize: 20 });
      this.#found = users.filter((u) => u.userId !== this.app.me.userId);
    } catch (err) {
      toast(describeError(err), "error");
    }
    this.update();
  }

  update(): void {
    const app = this.app;
    const friendIds = new Set(app.friends.map((f) => f.user?.userId));
    const pending = app.requests.filter((r) => r.state === RequestState.PENDING);
    const outgoingTo = new Set(pending.filter((r) => r.fromUser?.userId === app.me.userId).map((r) => r.toUser?.userId));

    if (this.#found === undefined) setChildren(this.#results);
    else if (this.#found.length === 0) setChildren(this.#results, h("li", { class: "muted pad" }, "Nobody found."));
    else {
      setChildren(
        this.#results,
        ...this.#found.map((u) => {
          const action = friendIds.has(u.userId)
            ? h("span", { class: "pill" }, "Friend")
            : outgoingTo.has(u.userId)
              ? h("span", { class: "pill" }, "Requested")
              : h("button", { class: "small primary add-friend", type: "button", onclick: () => void this.#add(u) }, "Add");
          return h("li", { class: "person", "data-user-id": u.userId }, avatar(u.nickname), h("div", { class: "item-body" }, h("span", { class: "item-name" }, u.nickname), u.phone && h("span", { class: "muted small" }, u.phone)), action, this.#blockButton(u));
        }),
      );
    }

    const requestItems = pending.map((r) => this.#requestItem(r));
    setChildren(this.#requests, ...(requestItems.length ? requestItems : [h("li", { class: "muted pad" }, "No pending requests.")]));

    const friends = [...app.friends].sort((a, b) => (a.user?.nickname ?? "").localeCompare(b.user?.nickname ?? ""));
    setChildren(
      this.#friends,
      ...(friends.length
        ? friends.map((f) =>
            h(
              "li",
              { class: "person clickable", "data-user-id": f.user?.userId, tabindex: 0, onclick: () => void app.openConversation(f.conversationId) },
              avatar(f.user?.nickname ?? "?"),
              h("div", { class: "item-body" }, h("span", { class: "item-name" }, f.remark || f.user?.nickname), presence(app, f.user?.userId ?? "", f.online)),
              f.user && this.#blockButton(f.user),
              h("span", { class: "chevron" }, "›"),
            ),
          )
        : [h("li", { class: "muted pad" }, "No friends yet: search for someone above.")]),
    );

    const blocked = [...app.blocked.values()];
    this.#blockedTitle.hidden = blocked.length === 0;
    setChildren(
      this.#blocked,
      ...blocked.map((u) => h("li", { class: "person", "data-user-id": u.userId }, avatar(u.nickname), h("div", { class: "item-body" }, h("span", { class: "item-name" }, u.nickname)), this.#blockButton(u))),
    );
  }

  /** "Block", or "Unblock" for someone blocked (inside a clickable row: it does not open the chat). */
  #blockButton(user: User): HTMLElement {
    const blocked = this.app.blocked.has(user.userId);
    return h(
      "button",
      {
        class: `small ghost ${blocked ? "unblock-user" : "block-user"}`,
        type: "button",
        title: blocked ? `Let ${user.nickname} write to you again` : `Stop ${user.nickname} from writing to you or asking to be friends`,
        onclick: (e: MouseEvent) => {
          e.stopPropagation();
          void this.#setBlocked(user, !blocked);
        },
      },
      blocked ? "Unblock" : "Block",
    );
  }

  async #setBlocked(user: User, block: boolean): Promise<void> {
    try {
      if (block) await this.app.client.social.blockUser({ userId: user.userId });
      else await this.app.client.social.unblockUser({ userId: user.userId });
      await this.app.refreshBlocked();
      toast(block ? `${user.nickname} is blocked.` : `${user.nickname} is unblocked.`);
    } catch (err) {
      toast(describeError(err), "error");
    }
  }

  #requestItem(r: FriendRequest): HTMLElement {
    const incoming = r.toUser?.userId === this.app.me.userId;
    const other = incoming ? r.fromUser : r.toUser;
    return h(
      "li",
      { class: "person request", "data-request-id": r.requestId },
      avatar(other?.nickname ?? "?"),
      h("div", { class: "item-body" }, h("span", { class: "item-name" }, other?.nickname ?? "?"), h("span", { class: "muted small" }, incoming ? r.message || "wants to be your friend" : "waiting for an answer")),
      incoming
        ? h(
            "div",
            { class: "actions" },
            h("button", { class: "small primary accept-request", type: "button", onclick: () => void this.#answer(r, true) }, "Accept"),
            h("button", { class: "small ghost", type: "button", onclick: () => void this.#answer(r, false) }, "Decline"),
          )
        : h("span", { class: "pill" }, "Sent"),
    );
  }

  async #add(user: User): Promise<void> {
    try {
      await this.app.client.social.sendFriendRequest({ userId: user.userId, message: `Hi, it's ${this.app.me.nickname}!` });
      toast(`Friend request sent to ${user.nickname}.`);
      await this.app.refreshRequests();
    } catch (err) {
      toast(describeError(err), "error");
    }
  }

  async #answer(request: FriendRequest, accept: boolean): Promise<void> {
    try {
      await this.app.client.social.handleFriendRequest({ requestId: request.requestId, accept });
      await Promise.all([this.app.refreshRequests(), this.app.refreshFriends(), this.app.refreshConversations()]);
      if (accept) toast(`You and ${request.fromUser?.nickname ?? "them"} are now friends.`);
    } catch (err) {
      toast(describeError(err), "error");
    }
  }
}

function presence(app: App, userId: string, online: boolean): HTMLElement {
  if (app.blocked.has(userId)) return h("span", { class: "presence blocked small" }, "blocked");
  return online ? h("span", { class: "presence online small" }, "● online") : h("span", { class: "presence muted small" }, "offline");
}
