// End-to-end test of media against a live server (EASYCHAT_URL): Alice uploads a real PNG (the
// server checks it is one and reads its pixel size) and a file, sends them as messages, Bob (her
// friend) downloads the same bytes, and Carol (no member of their chat) is refused them.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  type ChatSession,
  Code,
  ConnectError,
  type EasyChatClient,
  type Media,
  MediaKind,
  MediaTransferError,
  type Message,
  errorReason,
  mediaIdOf,
} from "../src/index.js";
import { eventually, newUser, serverUrl } from "./helpers.js";

/** A 1×1 RGBA PNG (one blue pixel), 70 bytes. */
const PIXEL_PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
  0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41,
  0x54, 0x78, 0xda, 0x63, 0xd0, 0xaf, 0xf9, 0xf6, 0x1f, 0x00, 0x05, 0x20, 0x02, 0xa1, 0x30, 0xcf, 0xf9, 0x31, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The error a promise rejects with (failing when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail("expected it to fail"),
    (err: unknown) => err,
  );
}

/** Asserts an EasyChat error: its code and ErrorInfo reason. */
function assertRefused(err: unknown, code: Code, reason: string): void {
  assert.ok(err instanceof ConnectError, `expected a ConnectError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  assert.equal(errorReason(err), reason);
}

/** `from` asks, `to` accepts; resolves with their single chat's id. */
async function befriend(from: EasyChatClient, to: EasyChatClient): Promise<string> {
  const { request } = await from.social.sendFriendRequest({ userId: to.userId });
  assert.ok(request);
  await to.social.handleFriendRequest({ requestId: request.requestId, accept: true });
  const friend = (await from.social.listFriends({})).friends.find((f) => f.user?.userId === to.userId);
  assert.ok(friend, "they are friends");
  return friend.conversationId;
}

serverUrl(); // without a server, fail the file at once rather than each test

describe("EasyChat TypeScript SDK: media", { timeout: 60_000 }, () => {
  let alice: EasyChatClient;
  let bob: EasyChatClient;
  let carol: EasyChatClient;
  let conversationId: string;
  let aliceSession: ChatSession;
  let bobSession: ChatSession;
  const bobReceived: Message[] = [];
  let image: Media;

  before(async () => {
    [alice, bob, carol] = await Promise.all([newUser("Alice"), newUser("Bob"), newUser("Carol")]);
    conversationId = await befriend(alice, bob);
    aliceSession = alice.session();
    bobSession = bob.session();
    bobSession.on("message", (m) => bobReceived.push(m));
    await Promise.all([aliceSession.ready(), bobSession.ready()]);
  });

  after(() => {
    aliceSession?.close();
    bobSession?.close();
  });

  it("uploads a PNG: checked, with its pixel size", async () => {
    image = await alice.uploadMedia(PIXEL_PNG, { kind: MediaKind.IMAGE, mimeType: "image/png", fileName: "pixel.png" });
    assert.ok(image.mediaId);
    assert.equal(image.completed, true);
    assert.equal(image.kind, MediaKind.IMAGE);
    assert.equal(image.mimeType, "image/png");
    assert.equal(image.size, BigInt(PIXEL_PNG.length));
    assert.equal(image.sha256, sha256(PIXEL_PNG), "the helper declared the SHA-256 and the server checked it");
    assert.equal(image.fileName, "pixel.png");
    assert.equal([image.width, image.height].join("×"), "1×1");
    assert.equal(image.uploaderId, alice.userId);
  });

  it("sends it as an image message, which the friend receives", async () => {
    const sent = await aliceSession.sendMedia({ conversationId }, image);
    assert.ok(sent.clientMsgId, "a fresh client_msg_id");
    assert.equal(mediaIdOf(sent), image.mediaId);
    const content = sent.content?.kind;
    assert.equal(content?.case, "image");
    assert.equal(content.value.url, "", "named by media id, not by URL");
    assert.equal(content.value.width, 1, "the server fills in the pixel size");
    assert.equal(content.value.height, 1);
    assert.equal(content.value.size, BigInt(PIXEL_PNG.length));

    const received = await eventually("Bob to receive the image", () => bobReceived.find((m) => m.messageId === sent.messageId));
    assert.equal(mediaIdOf(received), image.mediaId);
  });

  it("lets the friend download identical bytes, and a URL for <img src>", async () => {
    assert.deepEqual(await bob.downloadMedia(image.mediaId), PIXEL_PNG);

    const { url, expireTime, media } = await bob.downloadUrl(image.mediaId);
    assert.ok(expireTime.getTime() > Date.now(), "the URL is valid for a while");
    assert.equal(media.mediaId, image.mediaId);
    const response = await fetch(url); // no token: the URL is the permission
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/png");
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), PIXEL_PNG);
  });

  it("refuses it to a non-member: MEDIA_NOT_SHARED", async () => {
    assertRefused(await rejection(carol.downloadUrl(image.mediaId)), Code.PermissionDenied, "MEDIA_NOT_SHARED");
    assertRefused(await rejection(carol.downloadMedia(image.mediaId)), Code.PermissionDenied, "MEDIA_NOT_SHARED");
  });

  it("sends a file from a Blob, named and typed by the upload", async () => {
    const text = new TextEncoder().encode("minutes of the meeting\n");
    const file = await alice.uploadMedia(new File([text], "minutes.txt", { type: "text/plain" }), { kind: MediaKind.FILE });
    assert.equal(file.fileName, "minutes.txt", "the File's name by default");
    assert.equal(file.mimeType, "text/plain", "the Blob's type by default");

    const sent = await aliceSession.sendMedia({ conversationId }, file);
    const content = sent.content?.kind;
    assert.equal(content?.case, "file");
    assert.equal(content.value.name, "minutes.txt", "the server names it after the upload");
    assert.equal(content.value.mimeType, "text/plain");
    assert.equal(content.value.size, BigInt(text.length));
    assert.equal(content.value.mediaId, file.mediaId);

    await eventually("Bob to receive the file", () => bobReceived.find((m) => m.messageId === sent.messageId));
    assert.deepEqual(await bob.downloadMedia(file.mediaId), text);
    const { url } = await bob.downloadUrl(file.mediaId);
    const disposition = (await fetch(url, { method: "HEAD" })).headers.get("content-disposition") ?? "";
    assert.match(disposition, /^attachment/, "files download as attachments");
  });

  it("refuses what the kind does not allow, and an image that is not one", async () => {
    const notImage = new TextEncoder().encode("not a picture");
    const wrongType = await rejection(alice.uploadMedia(notImage, { kind: MediaKind.IMAGE, mimeType: "text/plain" }));
    assertRefused(wrongType, Code.FailedPrecondition, "MEDIA_TYPE_NOT_ALLOWED");
    const fake = await rejection(alice.uploadMedia(notImage, { kind: MediaKind.IMAGE, mimeType: "image/png" }));
    assertRefused(fake, Code.FailedPrecondition, "MEDIA_MISMATCH");
    await assert.rejects(alice.uploadMedia(notImage, { kind: MediaKind.FILE }), /needs a MIME type/);
  });

  it("reports a refused PUT with its HTTP status and body", async () => {
    // A network that changes the upload's Content-Type: the pre-signed URL no longer fits.
    const tampering: typeof globalThis.fetch = (input, init) => {
      if (init?.method !== "PUT") return fetch(input, init);
      return fetch(input, { ...init, headers: { "content-type": "application/octet-stream" } });
    };
    const dave = await newUser("Dave", tampering);
    const err = await rejection(dave.uploadMedia(PIXEL_PNG, { kind: MediaKind.IMAGE, mimeType: "image/png" }));
    assert.ok(err instanceof MediaTransferError, String(err));
    assert.equal(err.method, "PUT");
    assert.equal(err.status, 400);
    assert.match(err.body, /Content-Type image\/png/);
    assert.match(err.message, /HTTP 400/);
  });
});
