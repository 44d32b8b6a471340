// End-to-end test of the SDK against a live server (EASYCHAT_URL), over grpc-web as a browser does:
// two users befriend, chat both ways over ChatSession, survive a network drop without gaps, and
// see each other's read receipts and typing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type ChatSession,
  Code,
  ConnectError,
  EasyChatClient,
  type Message,
  PageDirection,
  type PinEvent,
  type ReactionCount,
  type ReactionEvent,
  type ReadReceiptEvent,
  RequestDirection,
  type SessionState,
  type TypingEvent,
  errorReason,
} from "../src/index.js";
import { FlakyNetwork, eventually, newUser, serverUrl, textOf } from "./helpers.js";

/** Everything a session emitted, for assertions. */
class Recorder {
  readonly messages: Message[] = [];
  readonly receipts: ReadReceiptEvent[] = [];
  readonly typing: TypingEvent[] = [];
  readonly edits: Message[] = [];
  readonly reactions: ReactionEvent[] = [];
  readonly pins: PinEvent[] = [];
  readonly states: SessionState[] = [];

  constructor(session: ChatSession) {
    session.on("message", (m) => this.messages.push(m));
    session.on("readReceipt", (r) => this.receipts.push(r));
    session.on("edit", (m) => this.edits.push(m));
    session.on("reaction", (r) => this.reactions.push(r));
    session.on("pin", (p) => this.pins.push(p));
    session.on("typing", (t) => this.typing.push(t));
    session.on("state", (s) => this.states.push(s));
  }

  seqs(conversationId: string): bigint[] {
    return this.messages.filter((m) => m.conversationId === conversationId).map((m) => m.seq);
  }

  withText(text: string): Message[] {
    return this.messages.filter((m) => textOf(m) === text);
  }
}

/** (emoji, count, reacted by me) of each reaction. */
function counts(reactions: ReactionCount[]): [string, bigint, boolean][] {
  return reactions.map((r) => [r.emoji, r.count, r.reactedByMe]);
}

/** Asserts that seqs are exactly first, first+1, …: no gap, no duplicate, in order. */
function assertContiguous(seqs: bigint[], first: bigint, who: string): void {
  const expected = seqs.map((_, i) => first + BigInt(i));
  assert.deepEqual(seqs, expected, `${who}: seqs must be contiguous and in order`);
}

const fastBackoff = { initialMs: 100, maxMs: 1_000 };

serverUrl(); // without a server, fail the file at once rather than each test

describe("EasyChat TypeScript SDK", { timeout: 120_000 }, () => {
  let alice: EasyChatClient;
  let bob: EasyChatClient;
  let bobNetwork: FlakyNetwork;
  let conversationId: string;
  let aliceSession: ChatSession;
  let bobSession: ChatSession;
  let aliceSeen: Recorder;
  let bobSeen: Recorder;

  before(async () => {
    bobNetwork = new FlakyNetwork();
    alice = await newUser("Alice");
    bob = await newUser("Bob", bobNetwork.fetch);
  });

  after(() => {
    aliceSession?.close();
    bobSession?.close();
  });

  it("befriends with a request and its acceptance", async () => {
    await alice.social.sendFriendRequest({ userId: bob.userId, message: "hi, it's Alice" });
    const incoming = await bob.social.listFriendRequests({ direction: RequestDirection.INCOMING });
    const request = incoming.requests.find((r) => r.fromUser?.userId === alice.userId);
    assert.ok(request, "Bob sees Alice's request");
    await bob.social.handleFriendRequest({ requestId: request.requestId, accept: true });

    const friends = await alice.social.listFriends({});
    const friend = friends.friends.find((f) => f.user?.userId === bob.userId);
    assert.ok(friend, "Bob is Alice's friend");
    const [low, high] = [alice.userId, bob.userId].sort();
    assert.equal(friend.conversationId, `s_${low}_${high}`);
    conversationId = friend.conversationId;

    // A second request is refused with a stable reason.
    const again = await alice.social.sendFriendRequest({ userId: bob.userId }).catch((e: unknown) => e);
    assert.ok(again instanceof ConnectError);
    assert.equal(errorReason(again), "ALREADY_FRIENDS");
  });

  it("chats both ways in real time", async () => {
    aliceSession = alice.session({ backoff: fastBackoff });
    bobSession = bob.session({ backoff: fastBackoff });
    aliceSeen = new Recorder(aliceSession);
    bobSeen = new Recorder(bobSession);
    await Promise.all([aliceSession.ready(), bobSession.ready()]);

    const sent = await aliceSession.sendText({ peerUserId: bob.userId }, "hello Bob");
    assert.equal(sent.conversationId, conversationId);
    assert.equal(sent.seq, 1n);
    await eventually("Bob to receive Alice's message", () => bobSeen.withText("hello Bob").length > 0);

    await bobSession.sendText({ conversationId }, "hi Alice");
    await eventually("Alice to receive Bob's reply", () => aliceSeen.withText("hi Alice").length > 0);

    // Each side sees every message once, its own sends included, in seq order.
    assertContiguous(aliceSeen.seqs(conversationId), 1n, "Alice");
    assertContiguous(bobSeen.seqs(conversationId), 1n, "Bob");
  });

  it("reconnects after a network drop and catches up without gaps", async () => {
    bobNetwork.down();
    await eventually("Bob's session to notice the drop", () => bobSession.state === "reconnecting");

    // Bob writes while offline: the send keeps retrying with the same client_msg_id.
    const bobsSend = bobSession.sendText({ conversationId }, "written while offline");
    const missed = ["one", "two", "three", "four", "five"].map((n) => `missed ${n}`);
    for (const text of missed) await aliceSession.sendText({ conversationId }, text);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let a few reconnects fail
    bobNetwork.up();

    await bobSession.ready();
    await eventually("Bob to catch up on what he missed", () =>
      missed.every((text) => bobSeen.withText(text).length === 1),
    );
    const stored = await bobsSend;
    assert.ok(stored.seq > 0n);
    await eventually("Alice to receive the offline message", () => aliceSeen.withText("written while offline").length > 0);

    // A marker from Alice comes after anything else she has for Bob: a late duplicate too.
    await aliceSession.sendText({ conversationId }, "marker after the catch-up");
    await eventually("Bob to receive the marker", () => bobSeen.withText("marker after the catch-up").length > 0);

    assert.ok(bobSeen.states.includes("reconnecting"));
    assert.deepEqual(
      bobSeen.messages.filter((m) => missed.includes(textOf(m))).map(textOf),
      missed,
      "missed messages arrive once, in order",
    );
    assertContiguous(bobSeen.seqs(conversationId), 1n, "Bob");
    assertContiguous(aliceSeen.seqs(conversationId), 1n, "Alice");
  });

  it("stores a send once when its response was lost and it was retried", async () => {
    bobNetwork.loseNextResponse();
    const sent = await bobSession.sendText({ conversationId }, "sent once");
    await eventually("Alice to receive it", () => aliceSeen.withText("sent once").length > 0);

    const history = await alice.im.listMessages({ conversationId, direction: PageDirection.BACKWARD, pageSize: 5 });
    const copies = history.messages.filter((m) => m.clientMsgId === sent.clientMsgId);
    assert.equal(copies.length, 1, "the retry is deduplicated by client_msg_id");
    // Bob's next message comes after anything else of his for Alice: a pushed duplicate too.
    await bobSession.sendText({ conversationId }, "marker after the retry");
    await eventually("Alice to receive the marker", () => aliceSeen.withText("marker after the retry").length > 0);
    assert.equal(aliceSeen.withText("sent once").length, 1);
    assertContiguous(aliceSeen.seqs(conversationId), 1n, "Alice");
  });

  it("delivers read receipts and typing to the peer", async () => {
    // Sending moves the sender's own read position, so Bob reads something new from Alice.
    const sent = await aliceSession.sendText({ conversationId }, "read me");
    await eventually("Bob to receive it", () => bobSeen.withText("read me").length > 0);
    const lastSeq = bobSession.lastSeq(conversationId);
    assert.equal(lastSeq, sent.seq);
    await bobSession.markRead(conversationId, lastSeq);
    const receipt = await eventually("Alice to get Bob's read receipt", () =>
      aliceSeen.receipts
        .filter((r) => r.conversationId === conversationId)
        .flatMap((r) => r.positions)
        .find((p) => p.userId === bob.userId && p.readSeq === lastSeq),
    );
    assert.equal(receipt.readSeq, lastSeq);

    await bobSession.sendTyping(conversationId);
    await eventually("Alice to see Bob typing", () =>
      aliceSeen.typing.some((t) => t.conversationId === conversationId && t.userId === bob.userId),
    );

    const conversations = await bob.im.listConversations({});
    const mine = conversations.conversations.find((c) => c.conversationId === conversationId);
    assert.equal(mine?.unreadCount, 0n);
  });

  it("replies, reacts, edits, pins and mentions", async () => {
    const original = await aliceSession.sendText({ conversationId }, "lunch at noon?");
    const answer = await bobSession.sendText({ conversationId }, "yes", { replyTo: original.messageId });
    assert.equal(answer.replyTo?.messageId, original.messageId);
    assert.equal(answer.replyTo?.snippet, "lunch at noon?");
    assert.equal(answer.replyTo?.seq, original.seq);
    assert.equal(answer.replyTo?.senderId, alice.userId);
    const received = await eventually("Alice to receive the reply", () => aliceSeen.withText("yes").at(-1));
    assert.equal(received.replyTo?.messageId, original.messageId);

    const reactions = await bobSession.addReaction(original.messageId, "🎉");
    assert.deepEqual(counts(reactions), [["🎉", 1n, true]]);
    const added = await eventually("Alice to see Bob's reaction", () =>
      aliceSeen.reactions.find((r) => r.messageId === original.messageId && r.added),
    );
    assert.equal(added.userId, bob.userId);
    assert.equal(added.emoji, "🎉");
    assert.deepEqual(counts(added.reactions), [["🎉", 1n, false]]);

    const edited = await aliceSession.edit(original.messageId, "lunch at one?");
    assert.equal(textOf(edited), "lunch at one?");
    assert.ok(edited.editTime, "an edited message has its edit time");
    assert.equal(edited.seq, original.seq);
    const seen = await eventually("Bob to see the edit", () =>
      bobSeen.edits.find((m) => m.messageId === original.messageId),
    );
    assert.equal(textOf(seen), "lunch at one?");
    assert.ok(seen.editTime);

    assert.deepEqual(await bobSession.removeReaction(original.messageId, "🎉"), []);
    const removed = await eventually("Alice to see the reaction removed", () =>
      aliceSeen.reactions.find((r) => r.messageId === original.messageId && !r.added),
    );
    assert.deepEqual(removed.reactions, []);

    const pinned = await aliceSession.pin(original.messageId);
    assert.deepEqual(
      pinned.map((p) => [p.message?.messageId, p.pinnedBy]),
      [[original.messageId, alice.userId]],
    );
    const pin = await eventually("Bob to see the pin", () =>
      bobSeen.pins.find((p) => p.messageId === original.messageId && p.pinned),
    );
    assert.equal(pin.conversationId, conversationId);
    assert.equal(pin.seq, original.seq);
    assert.equal(pin.userId, alice.userId);
    assert.deepEqual(await bobSession.unpin(original.messageId), []);
    const unpin = await eventually("Alice to see the unpin", () =>
      aliceSeen.pins.find((p) => p.messageId === original.messageId && !p.pinned),
    );
    assert.equal(unpin.userId, bob.userId);

    const mention = await aliceSession.sendText({ conversationId }, "bob, see above", { mentions: [bob.userId] });
    assert.deepEqual(mention.mentionedUserIds, [bob.userId]);
    assert.equal(mention.mentionsAll, false);
    const mentioned = await eventually("Bob to receive the mention", () =>
      bobSeen.messages.find((m) => m.messageId === mention.messageId),
    );
    assert.deepEqual(mentioned.mentionedUserIds, [bob.userId]);
  });

  it("pages history backward without gaps", async () => {
    const seqs: bigint[] = [];
    let pageToken = "";
    do {
      const page = await bob.im.listMessages({ conversationId, direction: PageDirection.BACKWARD, pageSize: 3, pageToken });
      seqs.push(...page.messages.map((m) => m.seq));
      pageToken = page.nextPageToken;
    } while (pageToken);
    assertContiguous(seqs.reverse(), 1n, "history");
    assert.equal(BigInt(seqs.length), bobSession.lastSeq(conversationId));
  });

  it("resumes in a new session from the cursors of the old one", async () => {
    const cursors = bobSession.cursors();
    bobSession.close();
    await aliceSession.sendText({ conversationId }, "while Bob's app was closed");

    bobSession = bob.session({ cursors, backoff: fastBackoff });
    const resumed = new Recorder(bobSession);
    await bobSession.ready();
    await eventually("the new session to catch up", () => resumed.withText("while Bob's app was closed").length === 1);
    assertContiguous(resumed.seqs(conversationId), (cursors.get(conversationId) ?? 0n) + 1n, "resumed Bob");
  });

  it("closes for good with UNAUTHENTICATED when the token is revoked", async () => {
    // Alice logs in on a second device; that device's token is then revoked from elsewhere.
    const phone = (await alice.users.getMe({})).user?.phone ?? "";
    const device = new EasyChatClient({ baseUrl: serverUrl() });
    await device.login(phone, "correct horse battery");
    const session = device.session({ backoff: fastBackoff });
    await session.ready();
    const closed = new Promise<ConnectError | undefined>((resolve) =>
      session.on("state", (state, error) => {
        if (state === "closed") resolve(error);
      }),
    );
    await new EasyChatClient({ baseUrl: serverUrl(), token: device.token }).logout();

    const error = await closed;
    assert.equal(error?.code, Code.Unauthenticated);
    assert.equal(errorReason(error), "TOKEN_REVOKED");
    assert.equal(session.state, "closed");
    assert.equal(aliceSession.state, "live", "the first device is unaffected");
  });

  it("closes the client's sessions on logout", async () => {
    const phone = (await alice.users.getMe({})).user?.phone ?? "";
    const device = new EasyChatClient({ baseUrl: serverUrl() });
    await device.login(phone, "correct horse battery");
    const session = device.session({ backoff: fastBackoff });
    await session.ready();
    await device.logout();
    assert.equal(session.state, "closed");
    assert.equal(device.token, undefined);
  });
});
