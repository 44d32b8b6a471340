// ChatSession: the real-time session of a browser (or Node) client.
//
// grpc-web cannot stream upward, so the session listens on Subscribe (server stream) and acts
// through unary calls. Subscribe has no sync frame either: after every (re)connect the session
// catches up itself with ListMessages (forward from the last seq it delivered, per conversation).
// Live messages and catch-up pages of one conversation go through one queue, so each message is
// delivered exactly once and in seq order, whatever order they arrive in.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { type BackoffOptions, backoffDelay, sleep } from "./backoff.js";
import type { EasyChatClient } from "./client.js";
import { Emitter } from "./emitter.js";
import { isTransient } from "./errors.js";
import {
  type Conversation,
  type Message,
  type MessageContentSchema,
  PageDirection,
  type PinEvent,
  type PinnedMessage,
  type PresenceEvent,
  type ReactionCount,
  type ReactionEvent,
  type ReadReceiptEvent,
  type SendMessageRequestSchema,
  type ServerEvent,
  type TypingEvent,
} from "./gen/easychat/im/v1/im_pb.js";
import type { Media } from "./gen/easychat/media/v1/media_pb.js";
import { type MediaMessageOptions, mediaContent } from "./media.js";

/**
 * Where the session stands:
 * - `connecting`: opening the first stream;
 * - `syncing`: the server said `ready`; catching up on what was missed;
 * - `live`: caught up, events arrive as they happen;
 * - `reconnecting`: the stream ended; waiting (backoff) before opening a new one;
 * - `closed`: closed by `close()` or for good by the server (UNAUTHENTICATED).
 */
export type SessionState = "connecting" | "syncing" | "live" | "reconnecting" | "closed";

/** Events of a ChatSession, with their handler signatures. */
export interface ChatSessionEvents {
  /** A message, exactly once per conversation and seq, in seq order (own sends included). */
  message: (message: Message) => void;
  /** Someone's read position moved (a peer, or the caller on another device). */
  readReceipt: (event: ReadReceiptEvent) => void;
  /** A message was recalled; it comes without content. */
  recall: (message: Message) => void;
  /** A message's text was edited: the message with its new text and `editTime`. */
  edit: (message: Message) => void;
  /** Someone added or removed a reaction; `reactions` are the message's counts after it. */
  reaction: (event: ReactionEvent) => void;
  /** Someone pinned (`pinned` true) or unpinned a message of a conversation. */
  pin: (event: PinEvent) => void;
  /** Someone is typing in a conversation. */
  typing: (event: TypingEvent) => void;
  /** A friend or group co-member came online or went offline. */
  presence: (event: PresenceEvent) => void;
  /** The session changed state; `error` says why it closed or reconnects, when known. */
  state: (state: SessionState, error?: ConnectError) => void;
  /** A background step (catch-up) failed without ending the session. */
  error: (error: ConnectError) => void;
}

/** Tuning of a ChatSession. */
export interface ChatSessionOptions {
  /**
   * Highest seq already handled per conversation (from `cursors()` of an earlier session, maybe
   * persisted): the session delivers what follows. Conversations without a cursor start at their
   * newest message when the session first connects (read older history with ListMessages).
   */
  cursors?: Iterable<readonly [string, bigint]>;
  /** Delays between reconnect attempts and send retries. */
  backoff?: BackoffOptions;
  /** Reconnect when the stream says nothing (not even a heartbeat) for this long; default 45 s. */
  silenceTimeoutMs?: number;
  /** Messages per ListMessages page during catch-up (1 to 200); default 200. */
  pageSize?: number;
}

/** Where a message goes: a conversation, a friend, or a group. */
export type SendTarget = { conversationId: string } | { peerUserId: string } | { groupId: string };

/** Options of one send. */
export interface SendOptions {
  /** Id for deduplication; generated when not given. Retries always reuse it. */
  clientMsgId?: string;
  /**
   * Id of a message of the same conversation that this one replies to: the stored message's
   * `replyTo` then quotes it (id, seq, sender, snippet).
   */
  replyTo?: string;
  /**
   * User ids of members to mention (at most 50; anyone else is refused, MENTION_NOT_MEMBER): the
   * stored message's `mentionedUserIds` lists them.
   */
  mentions?: string[];
  /** Mention every member of a group (its owner and managers only): `mentionsAll` on the message. */
  mentionAll?: boolean;
  /** Gives up retrying when aborted. */
  signal?: AbortSignal;
}

type Content = MessageInitShape<typeof MessageContentSchema>;
type Target = MessageInitShape<typeof SendMessageRequestSchema>["target"];

/** A real-time session: create with `client.session()`, wait with `ready()`, end with `close()`. */
export class ChatSession extends Emitter<ChatSessionEvents> {
  readonly #client: EasyChatClient;
  readonly #options: ChatSessionOptions;
  /** Highest seq delivered per conversation. */
  readonly #cursors = new Map<string, bigint>();
  /** Tail of each conversation's work queue (live messages and catch-ups, one at a time). */
  readonly #queues = new Map<string, Promise<void>>();
  /** Aborted by close(): ends the stream, the backoff sleeps and the send retries. */
  readonly #closing = new AbortController();
  /** Aborts the current stream only, to force a reconnect. */
  #stream: AbortController | undefined;
  #state: SessionState = "connecting";
  #started = false;
  /** Whether conversations without a cursor have been pinned at their max seq (first connect). */
  #baselineTaken = false;
  #sessionId = "";

  constructor(client: EasyChatClient, options: ChatSessionOptions = {}) {
    super();
    this.#client = client;
    this.#options = options;
    for (const [conversationId, seq] of options.cursors ?? []) {
      this.#cursors.set(conversationId, seq);
    }
  }

  /** Opens the stream (once); `client.session()` already calls it. */
  start(): this {
    if (!this.#started) {
      this.#started = true;
      void this.#run();
    }
    return this;
  }

  /** The current state. */
  get state(): SessionState {
    return this.#state;
  }

  /** Id of the current server session (from `ready`); empty before the first one. */
  get sessionId(): string {
    return this.#sessionId;
  }

  /** Resolves once the session is live (connected and caught up); rejects if it closes first. */
  ready(): Promise<void> {
    if (this.#state === "live") return Promise.resolve();
    if (this.#state === "closed") return Promise.reject(new ConnectError("session closed", Code.Canceled));
    return new Promise((resolve, reject) => {
      const off = this.on("state", (state, error) => {
        if (state === "live") {
          off();
          resolve();
        } else if (state === "closed") {
          off();
          reject(error ?? new ConnectError("session closed", Code.Canceled));
        }
      });
    });
  }

  /** Ends the session for good. */
  close(): void {
    if (this.#state === "closed") return;
    this.#closing.abort();
    this.#stream?.abort();
    this.#setState("closed");
  }

  /** Highest seq delivered per conversation: pass as `cursors` to resume in a later session. */
  cursors(): Map<string, bigint> {
    return new Map(this.#cursors);
  }

  /** Highest seq delivered in a conversation (0 when none). */
  lastSeq(conversationId: string): bigint {
    return this.#cursors.get(conversationId) ?? 0n;
  }

  /**
   * Sends a message and resolves with it as stored (with its seq), after it has also been
   * delivered as a `message` event. Transient failures (network, server unavailable) are retried
   * with backoff and the same client_msg_id, so the server stores it once; permanent ones
   * (not friends, invalid content, …) reject.
   */
  async send(target: SendTarget, content: Content, options: SendOptions = {}): Promise<Message> {
    const clientMsgId = options.clientMsgId ?? newClientMsgId();
    const signal = anySignal(this.#closing.signal, options.signal);
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.#client.im.sendMessage(
          {
            clientMsgId,
            target: toTarget(target),
            content,
            replyToMessageId: options.replyTo ?? "",
            mentionUserIds: options.mentions ?? [],
            mentionAll: options.mentionAll ?? false,
          },
          { signal },
        );
        const message = response.message;
        if (!message) throw new ConnectError("SendMessage returned no message", Code.Internal);
        await this.#receive(message);
        return message;
      } catch (err) {
        const error = ConnectError.from(err);
        if (signal.aborted || !isTransient(error)) throw error;
        await sleep(backoffDelay(attempt, this.#options.backoff), signal);
      }
    }
  }

  /** Sends plain text; see `send`. */
  sendText(target: SendTarget, text: string, options?: SendOptions): Promise<Message> {
    return this.send(target, { kind: { case: "text", value: { text } } }, options);
  }

  /**
   * Sends an upload (completed, from `client.uploadMedia`) as an image, file or voice message by
   * its kind, naming its media id: the server fills in its size, type, pixel size and file name
   * (`fileName` overrides the name; give a voice clip's `durationMs`). See `send`.
   */
  sendMedia(target: SendTarget, media: Media, options: SendOptions & MediaMessageOptions = {}): Promise<Message> {
    return this.send(target, mediaContent(media, options), options);
  }

  /** Marks everything up to `seq` read; the other members get a read receipt. */
  async markRead(conversationId: string, seq: bigint): Promise<void> {
    await this.#client.im.markRead({ conversationId, readSeq: seq });
  }

  /**
   * Replaces the text of a text message the caller sent (within the server's edit window) and
   * resolves with the message as edited (new text, `editTime`); members get an `edit` event.
   */
  async edit(messageId: string, text: string): Promise<Message> {
    const response = await this.#client.im.editMessage({ messageId, text: { text } });
    if (!response.message) throw new ConnectError("EditMessage returned no message", Code.Internal);
    return response.message;
  }

  /** Adds the caller's emoji reaction to a message (idempotent); resolves with its reactions after. */
  async addReaction(messageId: string, emoji: string): Promise<ReactionCount[]> {
    return (await this.#client.im.addReaction({ messageId, emoji })).reactions;
  }

  /** Takes the caller's emoji reaction off a message (idempotent); resolves with its reactions after. */
  async removeReaction(messageId: string, emoji: string): Promise<ReactionCount[]> {
    return (await this.#client.im.removeReaction({ messageId, emoji })).reactions;
  }

  /**
   * Pins a message for every member of its conversation (in a group its owner and managers only,
   * in a single chat either side; idempotent); resolves with the conversation's pinned messages
   * after, most recently pinned first. Members get a `pin` event.
   */
  async pin(messageId: string): Promise<PinnedMessage[]> {
    return (await this.#client.im.pinMessage({ messageId })).pinnedMessages;
  }

  /** Takes a message's pin off (idempotent); resolves with the conversation's pinned messages after. */
  async unpin(messageId: string): Promise<PinnedMessage[]> {
    return (await this.#client.im.unpinMessage({ messageId })).pinnedMessages;
  }

  /** Tells the other members that the caller is typing (call it every few seconds while typing). */
  async sendTyping(conversationId: string): Promise<void> {
    await this.#client.im.sendTyping({ conversationId });
  }

  // --- the stream -------------------------------------------------------------------------------

  /** Opens Subscribe again and again until closed, with backoff between attempts. */
  async #run(): Promise<void> {
    let attempt = 0;
    while (!this.#closing.signal.aborted) {
      const stream = new AbortController();
      this.#stream = stream;
      let reason: ConnectError | undefined;
      try {
        if (!this.#baselineTaken) await this.#takeBaseline();
        await this.#listen(stream, () => {
          attempt = 0;
        });
      } catch (err) {
        reason = ConnectError.from(err);
      }
      if (this.#closing.signal.aborted) return;
      if (reason?.code === Code.Unauthenticated) {
        // The token expired or was revoked: reconnecting cannot help, the user must log in.
        this.#closing.abort();
        this.#setState("closed", reason);
        return;
      }
      this.#setState("reconnecting", reason);
      await sleep(backoffDelay(attempt++, this.#options.backoff), this.#closing.signal);
    }
  }

  /** Reads one Subscribe stream to its end; throws how it ended if it failed. */
  async #listen(stream: AbortController, onLive: () => void): Promise<void> {
    const silence = this.#options.silenceTimeoutMs ?? 45_000;
    // A connection can die without the stream ending (no FIN reaches us): the server sends a
    // heartbeat every few seconds, so a long silence means it is gone.
    let watchdog = setTimeout(() => stream.abort(), silence);
    const kick = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => stream.abort(), silence);
    };
    try {
      const frames = this.#client.im.subscribe({}, { signal: stream.signal });
      for await (const { frame } of frames) {
        kick();
        switch (frame.case) {
          case "ready":
            this.#sessionId = frame.value.sessionId;
            this.#setState("syncing");
            // Catch up beside the stream, not in its way: events keep flowing (and queue behind
            // the catch-up of their conversation), heartbeats keep the watchdog quiet.
            void this.#catchUp().then(
              () => {
                if (!stream.signal.aborted && this.#state === "syncing") {
                  onLive();
                  this.#setState("live");
                }
              },
              (err) => {
                this.emit("error", ConnectError.from(err));
                stream.abort(); // reconnect and try the catch-up again
              },
            );
            break;
          case "event":
            this.#dispatch(frame.value);
            break;
          case "heartbeat":
            break;
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  #dispatch(event: ServerEvent): void {
    const { event: e } = event;
    switch (e.case) {
      case "message":
        void this.#receive(e.value);
        break;
      case "readReceipt":
        this.emit("readReceipt", e.value);
        break;
      case "recall":
        if (e.value.message) this.emit("recall", e.value.message);
        break;
      case "edit":
        if (e.value.message) this.emit("edit", e.value.message);
        break;
      case "reaction":
        this.emit("reaction", e.value);
        break;
      case "pin":
        this.emit("pin", e.value);
        break;
      case "typing":
        this.emit("typing", e.value);
        break;
      case "presence":
        this.emit("presence", e.value);
        break;
    }
  }

  // --- ordering and catch-up --------------------------------------------------------------------

  /** Takes a message from the stream or a send result into its conversation's queue. */
  #receive(message: Message): Promise<void> {
    const id = message.conversationId;
    return this.#enqueue(id, async () => {
      // A conversation unknown to the baseline is new since: all of it is news.
      const cursor = this.lastSeq(id);
      if (message.seq <= cursor) return; // already delivered
      if (message.seq > cursor + 1n) {
        // A gap: messages pushed while we were away, or out of order. Fetch them first.
        await this.#fetchForward(id);
      }
      this.#deliver(message);
    });
  }

  /**
   * Before the first stream: pins conversations without a cursor at their newest message, so the
   * session delivers what comes after it. Pinned before Subscribe opens (not after `ready`), so a
   * message stored in between is caught up rather than skipped.
   */
  async #takeBaseline(): Promise<void> {
    for await (const conversation of this.#conversations()) {
      if (!this.#cursors.has(conversation.conversationId)) {
        this.#cursors.set(conversation.conversationId, conversation.maxSeq);
      }
    }
    this.#baselineTaken = true;
  }

  /** After a (re)connect: fetches what each conversation got since its cursor. */
  async #catchUp(): Promise<void> {
    const pending: Promise<void>[] = [];
    for await (const conversation of this.#conversations()) {
      const id = conversation.conversationId;
      if (conversation.maxSeq > this.lastSeq(id)) {
        pending.push(this.#enqueue(id, () => this.#fetchForward(id), true));
      }
    }
    const results = await Promise.allSettled(pending);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** All the caller's conversations, hidden ones included, page by page. */
  async *#conversations(): AsyncGenerator<Conversation> {
    let pageToken = "";
    do {
      const page = await this.#client.im.listConversations(
        { includeHidden: true, pageSize: 100, pageToken },
        { signal: this.#closing.signal },
      );
      yield* page.conversations;
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  /** Delivers a conversation's messages after its cursor, page by page (ascending seq). */
  async #fetchForward(conversationId: string): Promise<void> {
    let pageToken = "";
    do {
      const page = await this.#client.im.listMessages(
        {
          conversationId,
          anchorSeq: this.lastSeq(conversationId),
          direction: PageDirection.FORWARD,
          pageSize: this.#options.pageSize ?? 200,
          pageToken,
        },
        { signal: this.#closing.signal },
      );
      for (const message of page.messages) this.#deliver(message);
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  #deliver(message: Message): void {
    const last = this.#cursors.get(message.conversationId);
    if (last !== undefined && message.seq <= last) return;
    this.#cursors.set(message.conversationId, message.seq);
    this.emit("message", message);
  }

  /**
   * Runs `work` after everything queued for the conversation. Failures of live work are reported
   * (and force a reconnect when transient, whose catch-up refills the gap); with `rethrow` they
   * also reject the returned promise.
   */
  #enqueue(conversationId: string, work: () => Promise<void>, rethrow = false): Promise<void> {
    const previous = this.#queues.get(conversationId) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.catch((err) => {
      if (rethrow || this.#closing.signal.aborted) return;
      const error = ConnectError.from(err);
      this.emit("error", error);
      if (isTransient(error)) this.#stream?.abort();
    });
    this.#queues.set(conversationId, tail);
    void tail.then(() => {
      if (this.#queues.get(conversationId) === tail) this.#queues.delete(conversationId);
    });
    return rethrow ? result : tail;
  }

  #setState(state: SessionState, error?: ConnectError): void {
    if (this.#state === state || this.#state === "closed") return;
    this.#state = state;
    this.emit("state", state, error);
  }
}

function toTarget(target: SendTarget): Target {
  if ("conversationId" in target) return { case: "conversationId", value: target.conversationId };
  if ("peerUserId" in target) return { case: "peerUserId", value: target.peerUserId };
  return { case: "groupId", value: target.groupId };
}

/** A random client_msg_id. getRandomValues, unlike randomUUID, works on plain-http pages too. */
export function newClientMsgId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A signal that aborts when any of the given ones does. */
function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 1) return present[0];
  if ("any" in AbortSignal) return AbortSignal.any(present);
  const controller = new AbortController();
  for (const signal of present) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
