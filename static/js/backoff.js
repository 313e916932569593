/**
 * Retry policy after a failed sync: exponential, capped, with jitter so a room of phones coming
 * back online together does not hit the server in step.
 */

/** Delay in ms before retry number `attempt` (0-based): base · factor^attempt, capped, ± jitter. */
export function delayFor(attempt, { base = 2000, factor = 2, max = 5 * 60 * 1000, jitter = 0.2, random = Math.random } = {}) {
  const plain = Math.min(max, base * factor ** attempt);
  return Math.round(plain * (1 - jitter + 2 * jitter * random()));
}

/** One retry schedule: `schedule(fn)` runs fn after the next delay; `reset()` after a success. */
export class Backoff {
  constructor(options = {}) {
    this.options = options;
    this.attempt = 0;
    this.timer = null;
  }

  /** Run `fn` after the next delay, replacing any retry already planned. Returns the delay. */
  schedule(fn) {
    this.cancel();
    const delay = delayFor(this.attempt, this.options);
    this.attempt += 1;
    this.timer = setTimeout(() => { this.timer = null; fn(); }, delay);
    return delay;
  }

  cancel() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  reset() {
    this.cancel();
    this.attempt = 0;
  }
}
