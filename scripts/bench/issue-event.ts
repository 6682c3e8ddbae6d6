// Target: an `issues` event reads nothing about the issue (the payload has it) and makes at
// most 2 requests with a clean workspace config: find the sticky comment, write it.
// For context, the whole step's wall time (spawn → exit) with realistic round trips: the
// sticky comment's lookup is on the wire while the config is parsed and the issue linted.
import { startEmulator } from '../../tests/emulator/index.js';
import type { Context } from './context.js';
import { describeRequest, readsIssues, requestMix } from './context.js';
import { ISSUE_CONFIG } from './data.js';
import {
  assertCompleted,
  emuRest,
  fmtMs,
  issuesEventPayload,
  makeWorkspace,
  median,
  resetLog,
  runAction,
} from './harness.js';
import type { Row, Section } from './report.js';

interface Case {
  name: string;
  expect: string;
  issueReads: number;
  total: number;
  writes: number;
  requests: string[];
  findings: number;
  exitCode: number | null;
}

export async function issueEvent(ctx: Context): Promise<Section> {
  const emu = await startEmulator({ latencyMs: 0, checkResponses: false });
  const ws = makeWorkspace(ISSUE_CONFIG);
  const cases: Case[] = [];
  try {
    emu.seedBacklog(20);
    const repo = emu.repo.fullName;
    const milestone = emu.addMilestone('Q3');
    const budget = emu.addIssue({
      title: 'Cloud spend over plan for Q3',
      body: 'The forecast is 20% over the envelope agreed in the budget review.',
      labels: ['budget'],
      assignees: ['alice'],
    });
    const clean = emu.addIssue({
      title: 'Risk: vendor contract renewal',
      body: 'Terms change on the first of the month.',
      labels: ['risk', 'owner: project'],
      assignees: ['bob'],
      milestone: milestone.number,
    });

    const run = async (name: string, expect: string, number: number, action: string) => {
      const payload = await issuesEventPayload(emu, number, action);
      resetLog(emu);
      const r = await runAction({ emu, bundle: ctx.bundle, ws, eventName: 'issues', payload });
      assertCompleted(r, `issue event (${name})`);
      cases.push({
        name,
        expect,
        issueReads: emu.requests.filter(readsIssues).length,
        total: emu.requests.length,
        writes: emu.writes().length,
        requests: emu.requests.map(describeRequest),
        findings:
          Number(r.outputs.errors ?? 0) +
          Number(r.outputs.warnings ?? 0) +
          Number(r.outputs.notices ?? 0),
        exitCode: r.code,
      });
      ctx.log(`  ${name}: ${emu.requests.length} request(s) ${JSON.stringify(requestMix(emu))}`);
    };

    await run(
      'issue with findings, no comment yet',
      'find + create the comment',
      budget.number,
      'opened',
    );
    await run(
      'same issue again, nothing changed',
      'find; unchanged: no write',
      budget.number,
      'edited',
    );
    // A person fixes the issue: the sticky comment is edited to say it is clean.
    await emuRest(emu, 'PATCH', `/repos/${repo}/issues/${budget.number}`, {
      assignees: ['bob'],
      labels: ['budget', 'owner: project'],
      milestone: milestone.number,
    });
    await run('issue fixed by a person', 'find + update to "clean"', budget.number, 'edited');
    await run(
      'clean issue, never commented',
      'find only: no comment for a clean issue',
      clean.number,
      'opened',
    );
  } finally {
    ws.cleanup();
    await emu.stop();
  }
  const wall = await wholeStep(ctx);

  const maxReads = Math.max(...cases.map((c) => c.issueReads));
  const maxTotal = Math.max(...cases.map((c) => c.total));
  const first = cases[0];
  const rows: Row[] = [
    {
      id: 'issue.reads',
      target: 'Issue event: requests to read the issue',
      measured: `${maxReads} (in each of ${cases.length} runs)`,
      limit: '0 (the payload has it)',
      pass: maxReads === 0,
      value: maxReads,
      unit: 'requests',
    },
    {
      id: 'issue.total',
      target: 'Issue event: requests in all, clean workspace config',
      measured: `${maxTotal} at most (runs: ${cases.map((c) => c.total).join(' / ')})${
        first
          ? `; first run: ${first.requests.map((q) => q.split(' ')[0]).join(' + ')} comments`
          : ''
      }`,
      limit: '≤ 2 (find the sticky comment, write it)',
      pass: maxTotal <= 2,
      value: maxTotal,
      unit: 'requests',
      details: { cases },
    },
    {
      id: 'issue.wall',
      target: `Issue event, whole step (spawn → exit), ${wall.latencyMs} ms per request, comment up to date (1 read)`,
      measured: `${fmtMs(median(wall.runs))} median of ${wall.runs.length} (${fmtMs(Math.min(...wall.runs))}–${fmtMs(Math.max(...wall.runs))})`,
      limit: '',
      pass: null,
      value: median(wall.runs),
      unit: 'ms',
      details: wall,
    },
  ];
  return { name: 'issue event', rows, details: { cases, wall } };
}

/** Spawn → exit of an issue event whose comment is already up to date: one read, no write. */
async function wholeStep(ctx: Context): Promise<{ latencyMs: number; runs: number[] }> {
  const latencyMs = ctx.opts.latencyMs;
  const emu = await startEmulator({ latencyMs, checkResponses: false });
  const ws = makeWorkspace(ISSUE_CONFIG);
  try {
    const issue = emu.addIssue({ title: 'Q3 spend', labels: ['budget'], assignees: ['alice'] });
    const payload = await issuesEventPayload(emu, issue.number, 'edited');
    const once = async () => {
      resetLog(emu);
      const r = await runAction({ emu, bundle: ctx.bundle, ws, eventName: 'issues', payload });
      assertCompleted(r, 'issue event (whole step)');
      return r.wallMs;
    };
    await once(); // creates the comment; the runs measured find it unchanged
    await once(); // warm-up (file cache)
    const runs: number[] = [];
    for (let i = 0; i < (ctx.opts.quick ? 5 : 10); i++) runs.push(await once());
    return { latencyMs, runs };
  } finally {
    ws.cleanup();
    await emu.stop();
  }
}
