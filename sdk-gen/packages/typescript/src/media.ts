// Media: what uploads and downloads need beside the MediaService calls (EasyChatClient does
// those): the SHA-256 of the bytes, the HTTP error of a PUT or GET, and the message content that
// names an upload.
//
// An upload takes three steps: CreateUpload reserves a media id and a pre-signed URL, the bytes
// go there in a plain HTTP PUT (no token: the URL is the permission), and CompleteUpload checks
// what arrived. A message then names the media id; the server fills in its size and type.
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { Message, MessageContentSchema } from "./gen/easychat/im/v1/im_pb.js";
import { type Media, MediaKind } from "./gen/easychat/media/v1/media_pb.js";

/** What to upload besides the bytes. */
export interface UploadOptions {
  /** What it is for: image, file or voice message (each kind has its own types and size limit). */
  kind: MediaKind;
  /**
   * MIME type, such as `image/png`; must be allowed for the kind. Defaults to the type of a
   * `Blob`/`File` (required for a `Uint8Array`, or a Blob without one).
   */
  mimeType?: string;
  /** File name shown on file messages; defaults to the name of a `File`. */
  fileName?: string;
  /** Aborts the upload. */
  signal?: AbortSignal;
}

/** A short-lived URL of a media item's bytes: for `<img src>`, a link, or a plain GET. */
export interface DownloadUrl {
  /** GET it (no token needed; range requests allowed). */
  url: string;
  /** When the URL stops working (ask again after). */
  expireTime: Date;
  /** The media it downloads. */
  media: Media;
}

/** Options of `ChatSession.sendMedia` beyond those of every send. */
export interface MediaMessageOptions {
  /** Duration of a voice clip, in milliseconds. */
  durationMs?: number | bigint;
  /** Name shown on a file message; the upload's file name when not given. */
  fileName?: string;
}

/**
 * The upload PUT or the download GET answered with an HTTP error (an expired or tampered URL, a
 * size other than declared, …): its status and the start of its body say why.
 */
export class MediaTransferError extends Error {
  override readonly name = "MediaTransferError";

  constructor(
    /** `PUT` (upload) or `GET` (download). */
    readonly method: string,
    /** The HTTP status. */
    readonly status: number,
    /** The response body as text (cut at 1000 characters). */
    readonly body: string,
  ) {
    super(`easychat: media ${method} failed with HTTP ${status}${body ? `: ${body}` : ""}`);
  }

  /** The error for a response that is not 2xx (reading at most the start of its body). */
  static async from(method: string, response: Response): Promise<MediaTransferError> {
    const body = await response.text().catch(() => "");
    return new MediaTransferError(method, response.status, body.trim().slice(0, 1000));
  }
}

type Content = MessageInitShape<typeof MessageContentSchema>;

/**
 * The content of an image, file or voice message naming a completed upload (by its kind); the
 * server fills in its size, type, pixel size and (when `fileName` is empty) the file name.
 */
export function mediaContent(media: Media, options: MediaMessageOptions = {}): Content {
  const mediaId = media.mediaId;
  switch (media.kind) {
    case MediaKind.IMAGE:
      return { kind: { case: "image", value: { mediaId } } };
    case MediaKind.FILE:
      return { kind: { case: "file", value: { mediaId, name: options.fileName ?? "" } } };
    case MediaKind.VOICE:
      return { kind: { case: "voice", value: { mediaId, durationMs: BigInt(options.durationMs ?? 0) } } };
    default:
      throw new Error(`easychat: media ${mediaId} has no kind to send it as`);
  }
}

/** The media id an image, file or voice message names ("" for other messages, or one sent by URL). */
export function mediaIdOf(message: Message): string {
  const kind = message.content?.kind;
  switch (kind?.case) {
    case "image":
    case "file":
    case "voice":
      return kind.value.mediaId;
    default:
      return "";
  }
}

/**
 * Lowercase hex SHA-256 of `bytes` with Web Crypto, or undefined where it is missing (browsers
 * have `crypto.subtle` on https and localhost pages only): the checksum is optional, the server
 * checks the size anyway.
 */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The bytes, MIME type and file name of what to upload. */
export async function uploadSource(
  data: Uint8Array | Blob,
  options: UploadOptions,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: string; fileName: string }> {
  const isBlob = typeof Blob !== "undefined" && data instanceof Blob;
  const mimeType = options.mimeType || (isBlob ? data.type : "");
  if (!mimeType) throw new Error("easychat: uploadMedia needs a MIME type (options.mimeType)");
  const fileName = options.fileName ?? (isBlob && "name" in data && typeof data.name === "string" ? data.name : "");
  // A copy of its own: hashed and sent as the same bytes, whatever the caller does with `data`.
  const bytes = isBlob ? new Uint8Array(await data.arrayBuffer()) : new Uint8Array(data as Uint8Array);
  return { bytes, mimeType, fileName };
}
