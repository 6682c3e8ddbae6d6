// The time source of the GitHub client: every wait it takes (write spacing, rate-limit
// waits, server-error back-off) goes through `sleep`, every "now" through `now`, and every
// request's timeout through `timeout`, so tests inject a fake clock and never wait real
// seconds.
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /**
   * A signal aborted once `ms` have passed, with the reason `AbortSignal.timeout` gives (a
   * DOMException named TimeoutError): one request attempt's timeout.
   */
  timeout(ms: number): AbortSignal;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    if (ms > 0) await delay(ms);
  },
  timeout: (ms) => AbortSignal.timeout(ms),
};

/**
 * A clock whose waits take `scale` of their length in real time while `now()` moves on by
 * all of it: every wait is still taken logically (logged, counted, spacing kept in clock
 * time). The end-to-end tests run the built action with scale 0 (BACKLOG_LINT_TEST_TIMING).
 * Timeouts stay in real time: they bound a wait on a socket, which no scale shortens.
 */
export function scaledClock(scale: number): Clock {
  if (scale === 1) return realClock;
  let ahead = 0;
  return {
    now: () => Date.now() + ahead,
    sleep: async (ms) => {
      if (ms <= 0) return;
      const until = Date.now() + ahead + ms;
      ahead += ms * (1 - scale);
      await delay(ms * scale);
      // A timer may fire a millisecond early by Date.now(): a wait never ends before its time.
      ahead += Math.max(0, until - (Date.now() + ahead));
    },
    timeout: realClock.timeout,
  };
}
