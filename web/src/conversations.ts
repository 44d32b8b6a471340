// The Chats panel: conversations with their last message, unread badge and "@" when mentioned.
import { type Conversation, ConversationType, timestampDate } from "@easychat/sdk";
import type { App } from "./app.js";
import { avatar, formatTime, h, setChildren } from "./dom.js";
import { preview } from "./messages.js";

export function renderConversations(app: App, panel: HTMLElement): void {
  const list = [...app.conversations.values()].sort(byPinThenRecency);
  if (list.length === 0) {
    setChildren(panel, h("p", { class: "muted pad" }, "No conversations yet. Add a friend under Contacts, or create a group."));
    return;
  }
  setChildren(panel, h("ul", { class: "list conversations", id: "conversation-list" }, ...list.map((c) => item(app, c))));
}

function item(app: App, c: Conversation): HTMLElement {
  const group = c.type === ConversationType.GROUP;
  const last = c.lastMessage;
  let lastText = last ? preview(last) : "No messages yet";
  if (last && group && last.senderId !== app.me.userId) lastText = `${app.userName(last.senderId)}: ${lastText}`;
  if (last && last.senderId === app.me.userId) lastText = `You: ${lastText}`;
  const unread = c.unreadCount > 0n;
  return h(
    "li",
    {
      class: `conversation${c.conversationId === app.openConversationId ? " active" : ""}${unread ? " unread" : ""}`,
      "data-conversation-id": c.conversationId,
      "data-name": c.name,
      tabindex: 0,
      onclick: () => void app.openConversation(c.conversationId),
      onkeydown: (e: KeyboardEvent) => e.key === "Enter" && void app.openConversation(c.conversationId),
    },
    avatar(c.name || "?", group ? "group" : ""),
    h(
      "div",
      { class: "item-body" },
      h("div", { class: "item-top" }, h("span", { class: "item-name" }, c.name || "(unnamed)"), h("span", { class: "item-time" }, formatTime(c.updateTime && timestampDate(c.updateTime)))),
      h(
        "div",
        { class: "item-bottom" },
        h("span", { class: "item-preview" }, lastText),
        c.mentioned && h("span", { class: "mention-mark", title: "You were mentioned" }, "@"),
        unread && h("span", { class: `badge${c.muted ? " muted" : ""}`, "data-unread": String(c.unreadCount) }, c.unreadCount > 99n ? "99+" : String(c.unreadCount)),
      ),
    ),
  );
}

function byPinThenRecency(a: Conversation, b: Conversation): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const ta = a.updateTime ? timestampDate(a.updateTime).getTime() : 0;
  const tb = b.updateTime ? timestampDate(b.updateTime).getTime() : 0;
  return tb - ta;
}
