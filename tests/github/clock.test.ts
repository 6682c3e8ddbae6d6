// The client's clocks: waits scaled in real time while `now()` moves on by the whole wait.
import { describe, expect, it } from 'vitest';
import { realClock, scaledClock } from '../../src/github/clock.js';

describe('scaledClock', () => {
  it('scale 1 is the real clock', () => {
    expect(scaledClock(1)).toBe(realClock);
  });

  it('scale 0 sleeps nothing, yet its now() has moved on by the wait', async () => {
    const clock = scaledClock(0);
    const t0 = Date.now();
    const before = clock.now();
    await clock.sleep(60_000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(60_000);
  });

  it('a fraction sleeps that fraction', async () => {
    const clock = scaledClock(0.001);
    const before = clock.now();
    const t0 = Date.now();
    await clock.sleep(20_000); // 20 ms real
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    expect(clock.now() - before).toBeGreaterThanOrEqual(20_000);
  });
});
