// Turns SDK errors into sentences for people.
import { ConnectError, MediaTransferError, errorReason } from "@easychat/sdk";

const MESSAGES: Record<string, string> = {
  BAD_CREDENTIALS: "Wrong phone number or password.",
  PHONE_TAKEN: "This phone number is already registered.",
  ALREADY_FRIENDS: "You are already friends.",
  REQUEST_PENDING: "A friend request is already pending.",
  // Also what someone who blocked you gets: the server does not tell the two apart.
  NOT_FRIENDS: "This person can't receive your messages: you may not be friends any more.",
  YOU_BLOCKED_THIS_USER: "You blocked this person: unblock them under Contacts to write to them.",
  FRIEND_REQUEST_NOT_ALLOWED: "This person does not take friend requests from you.",
  CANNOT_TARGET_SELF: "That is you.",
  MEMBER_MUTED: "You are muted in this group.",
  EDIT_NOT_ALLOWED: "Only your own text messages can be edited.",
  EDIT_WINDOW_PASSED: "Too late to edit this message.",
  MESSAGE_RECALLED: "That message was recalled.",
  MESSAGE_NOT_FOUND: "That message is gone.",
  TOO_MANY_REACTIONS: "This message has too many reactions already.",
  MENTION_NOT_MEMBER: "Only members of this group can be mentioned.",
  MEDIA_TOO_LARGE: "This file is too large to send.",
  MEDIA_TYPE_NOT_ALLOWED: "This type of file can't be sent.",
  MEDIA_MISMATCH: "The file did not arrive as it was picked (or is not the picture its type says): try again.",
  MEDIA_QUOTA_EXCEEDED: "You have used up your space for pictures and files.",
  MEDIA_NOT_SHARED: "This picture or file was not shared with you.",
  MEDIA_NOT_FOUND: "This picture or file is gone.",
  MEDIA_NOT_UPLOADED: "This picture or file has not finished uploading.",
  RATE_LIMITED: "Too many requests: wait a moment and try again.",
  TOKEN_EXPIRED: "Your session expired: log in again.",
  TOKEN_REVOKED: "You were logged out: log in again.",
};

/** A sentence for an error; `specific` says what some reasons mean for the call that failed. */
export function describeError(err: unknown, specific: Record<string, string> = {}): string {
  const reason = errorReason(err);
  if (reason && specific[reason]) return specific[reason];
  if (reason && MESSAGES[reason]) return MESSAGES[reason];
  if (err instanceof ConnectError) return err.rawMessage || err.message;
  // The upload's PUT (or a download's GET) itself failed.
  if (err instanceof MediaTransferError) {
    return `The ${err.method === "PUT" ? "upload" : "download"} failed (HTTP ${err.status}${err.body ? `: ${err.body}` : ""}).`;
  }
  return err instanceof Error ? err.message : String(err);
}
