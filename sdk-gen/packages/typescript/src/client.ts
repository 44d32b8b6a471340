// EasyChatClient: one grpc-web transport, the four service clients, the login token, and media
// uploads and downloads (MediaService plus the HTTP PUT and GET of their pre-signed URLs).
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type Client, Code, ConnectError, type Interceptor, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { ImService } from "./gen/easychat/im/v1/im_pb.js";
import { type Media, MediaService } from "./gen/easychat/media/v1/media_pb.js";
import { SocialService } from "./gen/easychat/social/v1/social_pb.js";
import { type RegisterRequestSchema, type User, UserService } from "./gen/easychat/user/v1/user_pb.js";
import { type DownloadUrl, MediaTransferError, type UploadOptions, sha256Hex, uploadSource } from "./media.js";
import { ChatSession, type ChatSessionOptions } from "./session.js";

/** How to reach an EasyChat server. */
export interface EasyChatClientOptions {
  /** Base URL of the server's gRPC port, which also speaks grpc-web: `http://host:50051`. */
  baseUrl: string;
  /** A token from an earlier login, to resume without logging in again. */
  token?: string;
  /** fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof globalThis.fetch;
  /** More interceptors, run after the one that adds the token. */
  interceptors?: Interceptor[];
}

/**
 * Client of an EasyChat server over grpc-web (binary), for browsers and Node 20+.
 *
 * `register` and `login` keep the token; every later call carries `authorization: Bearer`.
 * The generated service clients are exposed as `users`, `social`, `im` and `media`.
 */
export class EasyChatClient {
  readonly users: Client<typeof UserService>;
  readonly social: Client<typeof SocialService>;
  readonly im: Client<typeof ImService>;
  readonly media: Client<typeof MediaService>;
  /** For the media PUTs and GETs: the fetch of the options, else the global one at call time. */
  readonly #fetch: typeof globalThis.fetch;
  #token: string | undefined;
  #user: User | undefined;
  /** Sessions opened by session(), closed by logout(). */
  readonly #sessions = new Set<ChatSession>();

  constructor(options: EasyChatClientOptions) {
    this.#token = options.token;
    const fetch = options.fetch;
    // Called as a plain function: browsers refuse a global fetch called on another object.
    this.#fetch = (input, init) => (fetch ?? globalThis.fetch)(input, init);
    const authorize: Interceptor = (next) => (request) => {
      // Read at call time, so a login after construction applies to every client.
      if (this.#token && !request.header.has("authorization")) {
        request.header.set("authorization", `Bearer ${this.#token}`);
      }
      return next(request);
    };
    const transport = createGrpcWebTransport({
      baseUrl: options.baseUrl,
      useBinaryFormat: true,
      fetch: options.fetch,
      interceptors: [authorize, ...(options.interceptors ?? [])],
    });
    this.users = createClient(UserService, transport);
    this.social = createClient(SocialService, transport);
    this.im = createClient(ImService, transport);
    this.media = createClient(MediaService, transport);
  }

  /** The bearer token, once logged in. */
  get token(): string | undefined {
    return this.#token;
  }

  /** The logged-in user, as returned by register, login or refreshUser. */
  get user(): User | undefined {
    return this.#user;
  }

  /** Id of the logged-in user; throws when not logged in. */
  get userId(): string {
    if (!this.#user) throw new Error("easychat: not logged in");
    return this.#user.userId;
  }

  /** Creates an account and logs in as it. */
  async register(request: MessageInitShape<typeof RegisterRequestSchema>): Promise<User> {
    const response = await this.users.register(request);
    this.#token = response.token;
    this.#user = response.user;
    return this.#requireUser();
  }

  /** Logs in with a phone number and password. */
  async login(phone: string, password: string): Promise<User> {
    const response = await this.users.login({ phone, password });
    this.#token = response.token;
    this.#user = response.user;
    return this.#requireUser();
  }

  /** Loads the caller's profile with the current token (after constructing with `token`). */
  async refreshUser(): Promise<User> {
    this.#user = (await this.users.getMe({})).user;
    return this.#requireUser();
  }

  /** Closes the sessions opened by `session()`, revokes the token on the server and forgets it. */
  async logout(): Promise<void> {
    for (const session of this.#sessions) session.close();
    try {
      if (this.#token) await this.users.logout({});
    } finally {
      this.#token = undefined;
      this.#user = undefined;
    }
  }

  /** A real-time session (Subscribe + unary calls), started at once. */
  session(options: ChatSessionOptions = {}): ChatSession {
    const session = new ChatSession(this, options);
    this.#sessions.add(session);
    session.on("state", (state) => {
      if (state === "closed") this.#sessions.delete(session);
    });
    return session.start();
  }

  /**
   * Uploads an image, file or voice clip and resolves with it completed (checked size and type,
   * and for images the pixel size), ready for `session.sendMedia`: CreateUpload (with the bytes'
   * SHA-256 when Web Crypto is there), a PUT of the bytes to the URL it returns, CompleteUpload.
   * Refusals come as ConnectError (`MEDIA_TOO_LARGE`, `MEDIA_TYPE_NOT_ALLOWED`, `MEDIA_MISMATCH`,
   * …), a failed PUT as MediaTransferError (status and body).
   */
  async uploadMedia(data: Uint8Array | Blob, options: UploadOptions): Promise<Media> {
    const { signal } = options;
    const { bytes, mimeType, fileName } = await uploadSource(data, options);
    const upload = await this.media.createUpload(
      { kind: options.kind, mimeType, size: BigInt(bytes.byteLength), sha256: (await sha256Hex(bytes)) ?? "", fileName },
      { signal },
    );
    const mediaId = upload.media?.mediaId;
    if (!mediaId) throw new ConnectError("CreateUpload returned no media", Code.Internal);
    const response = await this.#fetch(upload.uploadUrl, {
      method: upload.uploadMethod || "PUT",
      headers: upload.uploadHeaders,
      body: bytes,
      signal,
    });
    if (!response.ok) throw await MediaTransferError.from("PUT", response);
    await response.body?.cancel();
    const completed = (await this.media.completeUpload({ mediaId }, { signal })).media;
    if (!completed) throw new ConnectError("CompleteUpload returned no media", Code.Internal);
    return completed;
  }

  /**
   * A short-lived URL of a media item's bytes (GetDownloadUrl): for `<img src>` or a link; ask
   * again after `expireTime`. Only its uploader and the members of a conversation it was sent to
   * may have it (else PERMISSION_DENIED, `MEDIA_NOT_SHARED`).
   */
  async downloadUrl(mediaId: string, options: { signal?: AbortSignal } = {}): Promise<DownloadUrl> {
    const response = await this.media.getDownloadUrl({ mediaId }, { signal: options.signal });
    if (!response.media || !response.expireTime) throw new ConnectError("GetDownloadUrl returned no media", Code.Internal);
    return { url: response.url, expireTime: timestampDate(response.expireTime), media: response.media };
  }

  /** A media item's bytes: `downloadUrl`, then a GET of it (a failed GET: MediaTransferError). */
  async downloadMedia(mediaId: string, options: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
    const { url } = await this.downloadUrl(mediaId, options);
    const response = await this.#fetch(url, { signal: options.signal });
    if (!response.ok) throw await MediaTransferError.from("GET", response);
    return new Uint8Array(await response.arrayBuffer());
  }

  #requireUser(): User {
    if (!this.#user) throw new Error("easychat: the server returned no user");
    return this.#user;
  }
}
