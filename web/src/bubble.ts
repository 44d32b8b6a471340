// One message as the chat view shows it: the quote of what it replies to, the text (or the
// picture or file link of an upload, media.ts), the "edited" mark, time and tick, its reactions,
// and the actions on it (reply, edit, react).
import { type Message, timestampDate } from "@easychat/sdk";
import { formatTime, h } from "./dom.js";
import { type MediaView, mediaBody } from "./media.js";
import { preview } from "./messages.js";
import { QUICK_REACTIONS, reactedByMe, reactionChips } from "./reactions.js";
import { quoteElement } from "./replies.js";

/** What a bubble needs from its chat view. */
export interface BubbleContext extends MediaView {
  readonly myUserId: string;
  /** Show the sender's name above their messages (groups). */
  readonly showSender: boolean;
  userName(userId: string): string;
  reply(message: Message): void;
  edit(message: Message): void;
  toggleReaction(message: Message, emoji: string): void;
  /** Brings a quoted message into view, if it is loaded. */
  showMessage(seq: bigint): void;
}

export function messageBubble(message: Message, view: BubbleContext): HTMLElement {
  const mine = message.senderId === view.myUserId;
  const name = (userId: string) => (userId === view.myUserId ? "You" : view.userName(userId));
  const quote = message.replyTo;
  const edited = message.editTime && !message.recalled;
  const classes = ["msg", mine ? "mine" : "theirs", message.recalled && "recalled", mentionsMe(message, view.myUserId) && "mentions-me"];
  return h(
    "div",
    {
      class: classes.filter(Boolean).join(" "),
      "data-seq": String(message.seq),
      "data-message-id": message.messageId,
      "data-client-msg-id": message.clientMsgId,
    },
    view.showSender && !mine && h("div", { class: "sender" }, view.userName(message.senderId)),
    h(
      "div",
      { class: "bubble" },
      quote && quoteElement(quote, name(quote.senderId), () => view.showMessage(quote.seq)),
      mediaBody(message, view) ?? h("span", { class: "text" }, preview(message)),
      h(
        "span",
        { class: "meta" },
        edited && h("span", { class: "edited", title: `Edited ${message.editTime ? timestampDate(message.editTime).toLocaleString() : ""}` }, "edited"),
        h("time", null, formatTime(message.sendTime && timestampDate(message.sendTime))),
        mine && h("span", { class: "tick" }),
      ),
    ),
    reactionChips(message.reactions, (emoji) => view.toggleReaction(message, emoji)),
    !message.recalled && actions(message, mine, view),
  );
}

/** Shown on hover or keyboard focus. Only our own text messages can be edited. */
function actions(message: Message, mine: boolean, view: BubbleContext): HTMLElement {
  const editable = mine && message.content?.kind.case === "text";
  return h(
    "div",
    { class: "msg-actions" },
    h("button", { class: "action action-reply", type: "button", title: "Reply", onclick: () => view.reply(message) }, "↩ Reply"),
    editable && h("button", { class: "action action-edit", type: "button", title: "Edit", onclick: () => view.edit(message) }, "✎ Edit"),
    ...QUICK_REACTIONS.map((emoji) =>
      h(
        "button",
        {
          class: `action react${reactedByMe(message.reactions, emoji) ? " mine" : ""}`,
          type: "button",
          "data-emoji": emoji,
          title: reactedByMe(message.reactions, emoji) ? `Take back ${emoji}` : `React ${emoji}`,
          onclick: () => view.toggleReaction(message, emoji),
        },
        emoji,
      ),
    ),
  );
}

function mentionsMe(message: Message, myUserId: string): boolean {
  return message.senderId !== myUserId && (message.mentionsAll || message.mentionedUserIds.includes(myUserId));
}
