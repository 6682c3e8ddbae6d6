// Request timeouts and the total bound of the client, against the emulator in-process with
// millisecond timeouts (no test waits real seconds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOctokit, DeadlineError, ROUTES } from '../../src/github/index.js';
import { startEmulator, type Emulator } from '../emulator/index.js';

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

const client = (opts: { requestTimeoutMs?: number; totalTimeoutMs?: number } = {}) => {
  const logs: string[] = [];
  const gh = createOctokit({
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
    const { gh, logs } = client({ requestTimeoutMs: 250 });
    await expect(getIssue(gh)).rejects.toMatchObject({ status: 500 });
    expect(emu.requests).toHaveLength(3); // first try + 2 retries
    expect(logs.filter((l) => /: retry \d$/.test(l))).toHaveLength(2);
    // The API is taken as hung: nothing more is sent.
    await expect(getIssue(gh)).rejects.toThrow(/GitHub stopped answering/);
    expect(emu.requests).toHaveLength(3);
  });

  it('a slow answer within the timeout is fine; one hung attempt then an answer succeeds', async () => {
    emu.faults.clear();
    emu.clearLog();
    emu.faults.hang({ match: { method: 'GET' }, times: 1 });
    // Long enough that the healthy second attempt is never cut off on a loaded machine
    // (250 ms was: a third request was sent once while the whole suite ran).
    const { gh } = client({ requestTimeoutMs: 1000 });
    const { data } = await getIssue(gh);
    expect(data.title).toBe('One');
    expect(emu.requests).toHaveLength(2);
  });

  it('past the total bound no request is sent', async () => {
    emu.faults.clear();
    emu.clearLog();
    const { gh } = client({ totalTimeoutMs: 1 });
    await new Promise((r) => setTimeout(r, 5));
    await expect(getIssue(gh)).rejects.toBeInstanceOf(DeadlineError);
    expect(emu.requests).toHaveLength(0);
  });
});
