// Target (issue #11, item 3): a daily backlog run on 50,000 open issues with 1% churn reads at
// most 10 pages. The built action runs twice against the emulator and its Actions cache
// service: a full read that stores the snapshot, then — after 1% of the issues changed (edited,
// closed, new) — the daily run, whose GraphQL requests are counted. A third run reads in full
// (`incremental: false`) and its findings are compared with the daily run's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, updateIssue } from '../../tests/emulator/index.js';
import type { Context } from './context.js';
import { ISSUE_CONFIG, seedRealisticBacklog } from './data.js';
import {
  assertCompleted,
  fmtInt,
  fmtMs,
  makeWorkspace,
  resetLog,
  runScheduled,
} from './harness.js';
import type { Row, Section } from './report.js';

interface Report {
  complete: boolean;
  issuesChecked: number;
  counts: Record<string, number>;
  findings: unknown[];
  backlogRead?: { kind: string; pages: number; reason?: string; saved?: boolean };
}

export async function incremental(ctx: Context): Promise<Section> {
  const open = ctx.opts.quick ? 5_000 : 50_000;
  const emu = await startEmulator({ latencyMs: 0, checkResponses: false });
  const ws = makeWorkspace(ISSUE_CONFIG);
  const env = { ...emu.cacheEnv(), RUNNER_TEMP: path.join(ws.dir, 'runner-temp') };
  const schedule = { schedule: '0 6 * * *' };
  const report = (outputs: Record<string, string>): Report =>
    JSON.parse(readFileSync(outputs['report-path'] ?? '', 'utf8')) as Report;
  const graphqlRequests = (): number => emu.requests.filter((r) => r.graphql).length;
  /** One scheduled backlog step, its request log reset first. */
  const step = async (what: string, inputs: Record<string, string> = {}) => {
    resetLog(emu);
    const r = await runScheduled({
      emu,
      bundle: ctx.bundle,
      ws,
      payload: schedule,
      inputs: { 'fail-on': 'never', ...inputs },
      env,
    });
    assertCompleted(r, `incremental: ${what}`);
    return r;
  };
  try {
    seedRealisticBacklog(emu, open, 0);
    const first = await step('first (full) run');
    const fullPages = graphqlRequests();
    ctx.log(`  first run: full read, ${fullPages} requests, ${fmtMs(first.wallMs)}`);

    // 1% churn: of every 100 open issues one changed — 60% edited, 20% closed, 20% new.
    const now = new Date().toISOString();
    const issues = [...emu.repo.issues.values()].filter((i) => i.state === 'open');
    const churn = Math.round(open / 100);
    for (let k = 0; k < churn; k++) {
      const kind = k % 5;
      if (kind === 4) {
        emu.addIssue({ title: `New ${k}`, labels: ['risk'], createdAt: now });
        continue;
      }
      updateIssue(issues[(k * 97) % issues.length], (issue) => {
        if (kind === 3) {
          issue.state = 'closed';
          issue.closedAt = now;
        } else issue.labels = ['schedule'];
      });
    }

    const daily = await step('daily run');
    const dailyPages = graphqlRequests();
    const dailyReport = report(daily.outputs);
    ctx.log(
      `  daily run: ${dailyReport.backlogRead?.kind} read, ${dailyPages} requests, ${fmtMs(daily.wallMs)}`,
    );

    const full = await step('full comparison run', { incremental: 'false' });
    const fullReport = report(full.outputs);
    const same =
      JSON.stringify(dailyReport.findings) === JSON.stringify(fullReport.findings) &&
      dailyReport.issuesChecked === fullReport.issuesChecked;

    const scaled = ctx.opts.quick ? ` (scaled down 10×: ${fmtInt(open)} issues)` : '';
    const rows: Row[] = [
      {
        id: `incremental.${open}.pages`,
        target: `Daily backlog run, ${fmtInt(open)} open issues, 1% churn (${fmtInt(churn)} changed): GraphQL requests of the read${scaled}`,
        measured: `${dailyPages} (${dailyReport.backlogRead?.kind ?? '?'} read; a full read took ${fullPages}); ${fmtMs(daily.wallMs)} vs ${fmtMs(full.wallMs)} for the step`,
        limit: '≤ 10',
        pass: dailyReport.backlogRead?.kind === 'since' && dailyPages <= 10,
        value: dailyPages,
        unit: 'requests',
        details: { fullPages, dailyWallMs: daily.wallMs, fullWallMs: full.wallMs },
      },
      {
        id: `incremental.${open}.same-findings`,
        target: 'Daily incremental run: findings equal those of a full read of the same backlog',
        measured: `${same ? 'equal' : 'DIFFERENT'}: ${dailyReport.findings.length} findings, ${fmtInt(dailyReport.issuesChecked)} issues checked`,
        limit: 'equal',
        pass: same,
      },
    ];
    return { name: 'incremental backlog runs', rows };
  } finally {
    ws.cleanup();
    await emu.stop();
  }
}
