// Emoji reactions: the quick set offered on every message, the chips under a bubble, and how a
// pushed reaction event changes the counts a message shows.
import type { ReactionCount, ReactionEvent } from "@easychat/sdk";
import { h } from "./dom.js";

/** The emoji offered in a message's actions (any other, from another client, still shows). */
export const QUICK_REACTIONS = ["👍", "❤️", "😂", "🎉"];

/** Whether the caller has reacted to a message with `emoji`. */
export function reactedByMe(reactions: ReactionCount[], emoji: string): boolean {
  return reactions.some((r) => r.emoji === emoji && r.reactedByMe);
}

/** A row of "👍 2" chips, ours highlighted; clicking one adds or takes back our reaction. */
export function reactionChips(reactions: ReactionCount[], onToggle: (emoji: string) => void): HTMLElement | null {
  const shown = reactions.filter((r) => r.count > 0n);
  if (shown.length === 0) return null;
  return h(
    "div",
    { class: "reactions" },
    ...shown.map((r) =>
      h(
        "button",
        {
          class: `reaction${r.reactedByMe ? " mine" : ""}`,
          type: "button",
          "data-emoji": r.emoji,
          "aria-pressed": r.reactedByMe ? "true" : "false",
          title: r.reactedByMe ? "Take back your reaction" : "React too",
          onclick: () => onToggle(r.emoji),
        },
        h("span", { class: "emoji" }, r.emoji),
        h("span", { class: "count" }, String(r.count)),
      ),
    ),
  );
}

/**
 * A message's reactions after a pushed event. The event's counts are everyone's and carry no
 * "reacted by me" (it goes to all members): keep what we knew of ours, except for the emoji of
 * the event when we are the one who reacted.
 */
export function reactionsAfter(before: ReactionCount[], event: ReactionEvent, myUserId: string): ReactionCount[] {
  return event.reactions.map((r) => ({
    ...r,
    reactedByMe: event.userId === myUserId && r.emoji === event.emoji ? event.added : reactedByMe(before, r.emoji),
  }));
}
