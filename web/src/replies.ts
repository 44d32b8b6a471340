// Replies: the quote a reply shows of the message it answers (as the server filled it in, or
// from the message itself while composing).
import type { Message, ReplyTo } from "@easychat/sdk";
import { h } from "./dom.js";
import { preview } from "./messages.js";

/** What a quote needs: who wrote the quoted message, the start of it, and whether it is gone. */
export type Quote = Pick<ReplyTo, "messageId" | "seq" | "senderId" | "snippet" | "recalled">;

/** The quote of a message we are about to answer. */
export function quoteOf(message: Message): Quote {
  return { messageId: message.messageId, seq: message.seq, senderId: message.senderId, snippet: preview(message), recalled: message.recalled };
}

/** The quote block above a reply's text: sender and snippet, or "recalled". */
export function quoteElement(quote: Quote, senderName: string, onClick?: () => void): HTMLElement {
  return h(
    "div",
    { class: `quote${quote.recalled ? " recalled" : ""}`, "data-seq": String(quote.seq), onclick: onClick },
    h("span", { class: "quote-sender" }, senderName),
    h("span", { class: "quote-snippet" }, quote.recalled ? "Message recalled" : quote.snippet),
  );
}
