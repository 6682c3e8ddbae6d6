// A clock for the GitHub client (src/github/clock.ts) that never waits: `sleep` records the
// wait and moves the clock on, and request timeouts fire only when the clock passes them (a
// sleep, or `elapse` from the test), so tests assert the waits and timeouts taken, not real
// time.
//
// Two time bases, on purpose: `now()` is the real time plus what the clock moved on (servers
// compute rate-limit resets from the real time), while a timeout is due in the clock's own
// time only, so real time passing (a slow machine) never fires one. A test must not rely on
// the client's deadline (`now()`-based) and a timeout agreeing to the millisecond.
import type { Clock } from '../../src/github/index.js';

export interface FakeClock extends Clock {
  /** Every wait asked for, in ms, in order. */
  readonly waits: number[];
  /** Moves the clock on by `ms`, firing the timeouts it passes, in the order they were due. */
  elapse(ms: number): void;
  /** How many timeouts have fired so far. */
  readonly timeoutsFired: number;
}

/** Starts at the real time (servers compute rate-limit resets from it) and then runs ahead. */
export function fakeClock(): FakeClock {
  let offset = 0;
  let fired = 0;
  const waits: number[] = [];
  // Pending timeouts, due in the clock's own time (`offset`). A finished request's timeout
  // stays until the clock passes it; firing it then aborts nothing (its listeners are gone).
  let timers: { due: number; controller: AbortController }[] = [];
  const elapse = (ms: number) => {
    if (ms > 0) offset += ms;
    const due = timers.filter((t) => t.due <= offset).sort((a, b) => a.due - b.due);
    if (due.length === 0) return;
    timers = timers.filter((t) => t.due > offset);
    for (const timer of due) {
      fired += 1;
      // The reason AbortSignal.timeout gives.
      timer.controller.abort(
        new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      );
    }
  };
  return {
    waits,
    now: () => Date.now() + offset,
    elapse,
    get timeoutsFired() {
      return fired;
    },
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
