// `--repo` against the API emulator: the output carries what the run's GraphQL queries cost,
// and a budget too small for the backlog stops the read early, said up front.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/index.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { run, scratch } from './helpers.js';

const CONFIG = `roles:
  product:
    members: [alice]
  project:
    members: [bob]
`;

let emu: Emulator;
let seq = 0;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  emu = await startEmulator();
});
afterEach(() => {
  expect(emu.validationErrors).toEqual([]);
  emu.rateLimits.reset();
  while (cleanups.length > 0) cleanups.pop()?.();
});
afterAll(async () => {
  await emu.stop();
});

/** A fresh repository with `n` open issues, the config in a scratch checkout, and a budget. */
function setup(
  n: number,
  remaining: number,
): { repo: string; cwd: string; env: Record<string, string> } {
  const repo = `acme/budget-${++seq}`;
  emu.addRepo(repo);
  emu.state.defaultRepo = repo;
  emu.seedBacklog(n);
  emu.rateLimits.set('graphql', { remaining, resetIn: 1800 });
  emu.clearLog();
  const s = scratch({ '.github/backlog-lint.yml': CONFIG });
  cleanups.push(s.remove);
  return { repo, cwd: s.dir, env: emu.env({ token: 'ghp_cliBudgetToken' }) };
}

/** The reset of the token's GraphQL window (REST `GET /rate_limit`; asked after the run). */
async function resetAt(): Promise<string> {
  const res = await fetch(`${emu.url}/rate_limit`, {
    headers: { authorization: 'token ghp_cliBudgetToken' },
  });
  const body = (await res.json()) as { resources: { graphql: { reset: number } } };
  return new Date(body.resources.graphql.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const pages = (): number =>
  emu.requests.filter((r) => r.graphql?.operationName === 'BacklogLintBacklog').length;

describe('--repo: the GraphQL budget', () => {
  it('JSON and text output say what the run cost and what remains', async () => {
    const { repo, cwd, env } = setup(250, 100);
    const json = await run(['--repo', repo, '--format', 'json', '--fail-on', 'never'], {
      cwd,
      env,
    });
    expect(json.code).toBe(0);
    expect(pages()).toBe(3);
    expect(emu.requests).toHaveLength(3);
    const report = JSON.parse(json.stdout) as JsonReport;
    const reset = await resetAt();
    expect(report).toMatchObject({ complete: true, issuesChecked: 250 });
    expect(report.cost).toEqual({ points: 6, requests: 3, remaining: 94, resetAt: reset });

    const text = await run(['--repo', repo, '--fail-on', 'never'], { cwd, env });
    expect(text.code).toBe(0);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
      `GraphQL cost: 6 points in 3 requests; 88 points left until the reset at ${reset}`,
    );
  });

  it('a budget too small: one warning up front, the pages it allows, an incomplete report, exit 2', async () => {
    // 3 pages at 2 points need 6; 3 remain: page 1 leaves 1, not enough for another.
    const { repo, cwd, env } = setup(250, 3);
    const r = await run(['--repo', repo, '--format', 'json', '--fail-on', 'never'], { cwd, env });
    expect(pages()).toBe(1);
    expect(emu.requests).toHaveLength(1);
    const reset = await resetAt();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `warning: The GraphQL rate-limit budget does not cover this backlog: 250 open issues need about 6 points (3 pages × 2) and 3 remain until the reset at ${reset}. Reading the first 1 page(s) (100 issues) only`,
    );
    expect(r.stderr.match(/rate-limit budget does not cover/g)).toHaveLength(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report).toMatchObject({
      complete: false,
      issuesChecked: 100,
      incompleteReason: `The GraphQL rate-limit budget ran short: 1 of 3 pages read (100 of 250 issues); the rest needs about 4 more points and 1 remain until the reset at ${reset}`,
      cost: { points: 2, requests: 1, remaining: 1, resetAt: reset },
    });
  });
});
