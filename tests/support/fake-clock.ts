// A clock for the GitHub client's waits (src/github/clock.ts) that never waits: `sleep`
// records the wait and moves the clock on, so tests assert the waits taken, not real time.
import type { Clock } from '../../src/github/index.js';

export interface FakeClock extends Clock {
  /** Every wait asked for, in ms, in order. */
  readonly waits: number[];
}

/** Starts at the real time (servers compute rate-limit resets from it) and then runs ahead. */
export function fakeClock(): FakeClock {
  let offset = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      waits.push(ms);
      if (ms > 0) offset += ms;
      await Promise.resolve();
    },
  };
}
