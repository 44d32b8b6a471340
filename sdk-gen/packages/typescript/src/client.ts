// EasyChatClient: one grpc-web transport, the three service clients, and the login token.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { type Client, type Interceptor, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { ImService } from "./gen/easychat/im/v1/im_pb.js";
import { SocialService } from "./gen/easychat/social/v1/social_pb.js";
import { type RegisterRequestSchema, type User, UserService } from "./gen/easychat/user/v1/user_pb.js";
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
 * The generated service clients are exposed as `users`, `social` and `im`.
 */
export class EasyChatClient {
  readonly users: Client<typeof UserService>;
  readonly social: Client<typeof SocialService>;
  readonly im: Client<typeof ImService>;
  #token: string | undefined;
  #user: User | undefined;
  /** Sessions opened by session(), closed by logout(). */
  readonly #sessions = new Set<ChatSession>();

  constructor(options: EasyChatClientOptions) {
    this.#token = options.token;
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

  #requireUser(): User {
    if (!this.#user) throw new Error("easychat: the server returned no user");
    return this.#user;
  }
}
