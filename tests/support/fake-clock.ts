// A clock for the GitHub client (src/github/clock.ts) that never waits: `sleep` records the
// wait and moves the clock on, and request timeouts fire only when the clock passes them (a
// sleep, or `elapse` from the test), so tests assert the waits and timeouts taken, not real
// time.
import type { Clock } from '../../src/github/index.js';

export interface FakeClock extends Clock {
  /** Every wait asked for, in ms, in order. */
  readonly waits: number[];
  /** Moves the clock on by `ms`, firing the timeouts it passes (as time passing would). */
  elapse(ms: number): void;
}

/** Starts at the real time (servers compute rate-limit resets from it) and then runs ahead. */
export function fakeClock(): FakeClock {
  let offset = 0;
  const waits: number[] = [];
  // Due in the clock's own time (`offset`): real time passing never fires one, only
  // elapse() and sleep() do, so a slow machine cannot cut a healthy request short.
  const timers: { due: number; controller: AbortController }[] = [];
  const now = () => Date.now() + offset;
  const elapse = (ms: number) => {
    if (ms > 0) offset += ms;
    for (let i = timers.length - 1; i >= 0; i--) {
      const timer = timers[i];
      if (!timer || timer.due > offset) continue;
      timers.splice(i, 1);
      // The reason AbortSignal.timeout gives.
      timer.controller.abort(
        new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      );
    }
  };
  return {
    waits,
    now,
    elapse,
    sleep: async (ms) => {
      waits.push(ms);
      elapse(ms);
      await Promise.resolve();
    },
    timeout: (ms) => {
      const controller = new AbortController();
      timers.push({ due: offset + ms, controller });
      return controller.signal;
    },
  };
}
