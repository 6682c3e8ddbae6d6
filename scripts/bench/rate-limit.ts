// Target: requests obey `retry-after` and rate-limit headers: a REST 403 (or 429) secondary
// limit with `retry-after: 1` is waited out (~1 s), a primary limit and a GraphQL RATE_LIMITED
// error in an HTTP 200 wait until `x-ratelimit-reset`. The wait is measured by the emulator:
// from its answer to the limited request to the arrival of the retry.
import { startEmulator, type Emulator, type RequestRecord } from '../../tests/emulator/index.js';
import type { Context } from './context.js';
import { describeRequest } from './context.js';
import { BACKLOG_CONFIG, ISSUE_CONFIG, seedRealisticBacklog } from './data.js';
import {
  assertCompleted,
  fmtMs,
  issuesEventPayload,
  makeWorkspace,
  resetLog,
  runAction,
  runScheduled,
} from './harness.js';
import type { Row, Section } from './report.js';

interface Wait {
  limited: string;
  status: number;
  waitMs: number;
  /** For reset-based limits: how far the reset was from the limited answer. */
  untilResetMs?: number;
  retryStatus: number;
}

function measureWait(emu: Emulator, resetIn?: number): Wait {
  const i = emu.requests.findIndex((r) => r.fault);
  const limited = emu.requests[i];
  if (!limited) throw new Error('the fault was never hit');
  const key = describeRequest(limited);
  const retry = emu.requests.slice(i + 1).find((r: RequestRecord) => describeRequest(r) === key);
  if (!retry) throw new Error(`${key} was not retried after the limit`);
  const answeredAt = limited.at + limited.durationMs;
  const w: Wait = {
    limited: key,
    status: limited.status,
    waitMs: retry.at - answeredAt,
    retryStatus: retry.status,
  };
  if (resetIn !== undefined) {
    // The emulator sets x-ratelimit-reset = floor(now / 1000) + resetIn when it answers.
    const resetAt = (Math.floor(answeredAt / 1000) + resetIn) * 1000;
    w.untilResetMs = resetAt - answeredAt;
  }
  return w;
}

export async function rateLimit(ctx: Context): Promise<Section> {
  const rows: Row[] = [];
  const waits: Record<string, Wait> = {};

  // REST secondary limits on the first REST request of an issue event: the config, read
  // through the API when the workspace has none (the comment lookup is GraphQL).
  const restCases: { id: string; name: string; status: 403 | 429; primary?: boolean }[] = [
    { id: 'rest403', name: 'REST 403 secondary limit, retry-after: 1', status: 403 },
  ];
  if (!ctx.opts.quick)
    restCases.push(
      { id: 'rest429', name: 'REST 429 secondary limit, retry-after: 1', status: 429 },
      {
        id: 'restPrimary',
        name: 'REST 403 primary limit (remaining 0, reset in 1 s)',
        status: 403,
        primary: true,
      },
    );
  {
    const emu = await startEmulator({ latencyMs: 0, checkResponses: false });
    const ws = makeWorkspace(null);
    emu.setFile('.github/backlog-lint.yml', ISSUE_CONFIG);
    try {
      const issue = emu.addIssue({ title: 'Q3 spend', labels: ['budget'], assignees: ['alice'] });
      const payload = await issuesEventPayload(emu, issue.number);
      for (const c of restCases) {
        resetLog(emu);
        const match = {
          method: 'GET',
          route: '/repos/{owner}/{repo}/contents/{path}',
        };
        if (c.primary) emu.faults.rateLimit({ match, resetIn: 1 });
        else emu.faults.secondaryRateLimit({ match, retryAfter: 1, status: c.status });
        const r = await runAction({ emu, bundle: ctx.bundle, ws, eventName: 'issues', payload });
        assertCompleted(r, c.name);
        const w = measureWait(emu, c.primary ? 1 : undefined);
        waits[c.id] = w;
        ctx.log(`  ${c.name}: waited ${fmtMs(w.waitMs)}`);
        if (c.primary) {
          const until = w.untilResetMs ?? 0;
          rows.push({
            id: `ratelimit.${c.id}`,
            target: `${c.name}: wait before the retry`,
            measured: `${fmtMs(w.waitMs)} (reset was ${fmtMs(until)} away); retry ${w.retryStatus}`,
            limit: 'not before the reset, at most reset + 2 s',
            pass: w.waitMs >= until && w.waitMs <= until + 2000 && w.retryStatus < 400,
            value: w.waitMs,
            unit: 'ms',
          });
        } else {
          rows.push({
            id: `ratelimit.${c.id}`,
            target: `${c.name}: wait before the retry`,
            measured: `${fmtMs(w.waitMs)}; retry ${w.retryStatus}`,
            limit: '≥ 1 s and < 1.5 s',
            pass: w.waitMs >= 990 && w.waitMs < 1500 && w.retryStatus < 400,
            value: w.waitMs,
            unit: 'ms',
          });
        }
      }
    } finally {
      ws.cleanup();
      await emu.stop();
    }
  }

  // GraphQL RATE_LIMITED in an HTTP 200 on the second backlog page.
  {
    const emu = await startEmulator({ latencyMs: 0, checkResponses: false });
    const ws = makeWorkspace(BACKLOG_CONFIG);
    try {
      seedRealisticBacklog(emu, 300, 50);
      resetLog(emu);
      emu.faults.graphqlRateLimited({
        match: { graphql: 'repository.issues' },
        skip: 1,
        resetIn: 1,
      });
      const r = await runScheduled({
        emu,
        bundle: ctx.bundle,
        ws,
      });
      assertCompleted(r, 'GraphQL RATE_LIMITED');
      const w = measureWait(emu, 1);
      waits.graphql = w;
      const until = w.untilResetMs ?? 0;
      ctx.log(`  GraphQL RATE_LIMITED: waited ${fmtMs(w.waitMs)}, reset was ${fmtMs(until)} away`);
      rows.push({
        id: 'ratelimit.graphql',
        target:
          'GraphQL RATE_LIMITED error in an HTTP 200 (page 2 of the backlog): wait before the retry',
        measured: `${fmtMs(w.waitMs)} (reset was ${fmtMs(until)} away); run complete`,
        limit: 'not before the reset, at most reset + 2 s',
        pass: w.waitMs >= until && w.waitMs <= until + 2000,
        value: w.waitMs,
        unit: 'ms',
      });
    } finally {
      ws.cleanup();
      await emu.stop();
    }
  }
  return { name: 'rate limits', rows, details: waits as unknown as Record<string, unknown> };
}
