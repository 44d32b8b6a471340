// Exponential backoff with jitter, and an abortable sleep.

/** How long to wait between attempts. */
export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds (default 500). */
  initialMs?: number;
  /** Upper bound of any delay, in milliseconds (default 30 000). */
  maxMs?: number;
}

/**
 * Delay before retry number `attempt` (0-based): doubling from `initialMs` up to `maxMs`, with the
 * upper half randomized so that many clients dropped at once do not reconnect in lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
