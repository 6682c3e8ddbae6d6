// Request timeouts and the total bound of the client, against the emulator in-process. The
// timeouts run on the client's clock: a fake one here, moved on by the test once the
// emulator holds a hung request, so no test waits for a timeout in real time (and none is
// cut short by a slow machine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOctokit, DeadlineError, ROUTES } from '../../src/github/index.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { fakeClock, type FakeClock } from '../support/fake-clock.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
  emu.addIssue({ title: 'One' });
});
afterAll(async () => {
  await emu.stop();
});

// Both transports: Node's fetch (undici) and node:http (src/github/http-fetch.ts, events).
const transports = ['fetch', 'node-http'] as const;
let transport: (typeof transports)[number] = 'fetch';

const client = (
  clock: FakeClock,
  opts: { requestTimeoutMs?: number; totalTimeoutMs?: number } = {},
) => {
  const logs: string[] = [];
  const gh = createOctokit({
    clock,
    token: 'ghs_timeouts0123456789',
    baseUrl: emu.url,
    graphqlUrl: emu.graphqlUrl,
    serverErrorBackoffMs: 1,
    log: { debug: (m) => logs.push(m), info: (m) => logs.push(m) },
    transport,
    ...opts,
  });
  return { gh, logs };
};
const getIssue = (gh: ReturnType<typeof client>['gh']) =>
  gh.request(ROUTES.getIssue, { owner: 'acme', repo: 'widgets', issue_number: 1 });

describe.each(transports)('request timeouts (%s)', (name) => {
  beforeAll(() => {
    transport = name;
  });
  it('a hung attempt is aborted and retried; a request hung on every attempt stops the client', async () => {
    emu.faults.clear();
    emu.clearLog();
    emu.faults.hang({ match: { method: 'GET' }, times: 3 });
    // A timeout no test could wait for in real time: only the clock fires it.
    const clock = fakeClock();
    const { gh, logs } = client(clock, { requestTimeoutMs: 60_000 });
    const first = getIssue(gh).catch((err: unknown) => err);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await emu.nextHeld();
      expect(emu.requests).toHaveLength(attempt);
      // The attempt times out at 60 s on the client's clock, not a millisecond sooner.
      clock.elapse(59_999);
      expect(clock.timeoutsFired).toBe(attempt - 1);
      clock.elapse(1);
      expect(clock.timeoutsFired).toBe(attempt);
    }
    expect(await first).toMatchObject({ status: 500 });
    expect(emu.requests).toHaveLength(3); // first try + 2 retries
    expect(logs.filter((l) => /: retry \d$/.test(l))).toHaveLength(2);
    // The API is taken as hung: nothing more is sent.
    await expect(getIssue(gh)).rejects.toThrow(
      /GitHub stopped answering: a request got no answer within 60s/,
    );
    expect(emu.requests).toHaveLength(3);
  });

  it("one hung attempt then an answer succeeds; a finished attempt's timeout firing later is harmless", async () => {
    emu.faults.clear();
    emu.clearLog();
    emu.faults.hang({ match: { method: 'GET' }, times: 1 });
    const clock = fakeClock();
    const { gh } = client(clock, { requestTimeoutMs: 250 });
    const answer = getIssue(gh);
    await emu.nextHeld();
    clock.elapse(250);
    const { data } = await answer;
    expect(data.title).toBe('One');
    expect(emu.requests).toHaveLength(2);
    // The second attempt's timeout is still pending on the clock: firing it aborts nothing.
    clock.elapse(1000);
    expect(clock.timeoutsFired).toBe(2);
    expect((await getIssue(gh)).data.title).toBe('One');
    expect(emu.requests).toHaveLength(3);
  });

  it('past the total bound no request is sent', async () => {
    emu.faults.clear();
    emu.clearLog();
    const clock = fakeClock();
    const { gh } = client(clock, { totalTimeoutMs: 1 });
    clock.elapse(5);
    await expect(getIssue(gh)).rejects.toBeInstanceOf(DeadlineError);
    expect(emu.requests).toHaveLength(0);
  });
});
