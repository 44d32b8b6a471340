// Test helpers: users on the live server, an event recorder, and a network that can fail.
import { EasyChatClient, type Message } from "../src/index.js";

/** The live server the tests run against (sdk-gen/test-all sets EASYCHAT_URL). */
export function serverUrl(): string {
  const url = process.env.EASYCHAT_URL;
  if (!url) throw new Error("EASYCHAT_URL is not set: run against a live server (see sdk-gen/test-all)");
  return url;
}

/** A phone number unlikely to be taken: +86 and eleven random digits. */
export function randomPhone(): string {
  let digits = "1";
  for (let i = 0; i < 10; i++) digits += Math.floor(Math.random() * 10);
  return `+86${digits}`;
}

/** Registers a new user and returns its logged-in client. */
export async function newUser(nickname: string, fetch?: typeof globalThis.fetch): Promise<EasyChatClient> {
  const client = new EasyChatClient({ baseUrl: serverUrl(), fetch });
  await client.register({ phone: randomPhone(), password: "correct horse battery", nickname });
  return client;
}

/** Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Text of a text message ("" otherwise). */
export function textOf(message: Message): string {
  return message.content?.kind.case === "text" ? message.content.kind.value.text : "";
}

/**
 * A fetch whose network can go down: `down()` breaks every open response body (as a dropped
 * connection does) and fails new requests until `up()`; `loseNextResponse()` lets the next request
 * reach the server but fails it before the client sees the answer.
 */
export class FlakyNetwork {
  #offline = false;
  #loseNext = false;
  readonly #open = new Set<() => void>();

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    if (this.#offline) throw new TypeError("fetch failed: network is down");
    const response = await globalThis.fetch(input, init);
    if (this.#loseNext) {
      this.#loseNext = false;
      await response.body?.cancel();
      throw new TypeError("fetch failed: connection reset before the response");
    }
    return this.#breakable(response);
  };

  down(): void {
    this.#offline = true;
    for (const cut of [...this.#open]) cut();
  }

  up(): void {
    this.#offline = false;
  }

  loseNextResponse(): void {
    this.#loseNext = true;
  }

  // Re-wraps the body so that down() can error it mid-stream with a network error.
  #breakable(response: Response): Response {
    const source = response.body;
    if (!source) return response;
    const reader = source.getReader();
    const open = this.#open;
    let cut = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        cut = () => {
          open.delete(cut);
          controller.error(new TypeError("network connection lost"));
          reader.cancel().catch(() => {});
        };
        open.add(cut);
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            open.delete(cut);
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (err) {
          open.delete(cut);
          controller.error(err);
        }
      },
      cancel(reason) {
        open.delete(cut);
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
}
