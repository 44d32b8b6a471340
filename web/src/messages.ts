// How message content reads in a list or a bubble.
import type { Message } from "@easychat/sdk";

/** One line describing a message. */
export function preview(message: Message): string {
  if (message.recalled) return "Message recalled";
  const kind = message.content?.kind;
  switch (kind?.case) {
    case "text":
      return kind.value.text;
    case "image":
      return "📷 Photo";
    case "file":
      return `📎 ${kind.value.name}`;
    case "voice":
      return "🎤 Voice message";
    case "location":
      return `📍 ${kind.value.title || "Location"}`;
    case "custom":
      return `[${kind.value.type}]`;
    default:
      return "";
  }
}
