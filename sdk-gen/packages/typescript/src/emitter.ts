// A minimal typed event emitter that works the same in browsers and Node.

// Handler signatures vary per event, hence `any` in the constraint.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type Handlers<E> = { [K in keyof E]: (...args: any[]) => void };

export class Emitter<E extends Handlers<E>> {
  readonly #handlers = new Map<keyof E, Set<E[keyof E]>>();

  /** Calls `handler` on every `event` until the returned function is called. */
  on<K extends keyof E>(event: K, handler: E[K]): () => void {
    let set = this.#handlers.get(event);
    if (!set) this.#handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  protected emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    for (const handler of [...(this.#handlers.get(event) ?? [])]) {
      try {
        handler(...args);
      } catch (err) {
        // A failing handler must not break the session that emits.
        console.error(`easychat: "${String(event)}" handler threw`, err);
      }
    }
  }
}
