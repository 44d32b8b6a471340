// Turns SDK errors into sentences for people.
import { ConnectError, errorReason } from "@easychat/sdk";

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
  return err instanceof Error ? err.message : String(err);
}
