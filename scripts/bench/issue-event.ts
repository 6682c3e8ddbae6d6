// Target: an `issues` event reads nothing about the issue (the payload has it) and makes at
// most 2 requests with a clean workspace config: find the sticky comment, write it.
// Then the whole step (comment up to date: one read, no write) with realistic round trips,
// interleaved with Node's own floor (`node -e 0`) on the same machine: first request ≤ floor +
// 50 ms; spawn → exit ≤ floor + round trips + 40 ms; own CPU (user + sys beyond the floor's)
// ≤ 40 ms; peak RSS ≤ 70 MB. The sticky comment's lookup is on the wire while the config is
// parsed and the issue linted, so much of that CPU is spent while the request is in flight:
// printed beside, as information, is what is left of the CPU once the part its round trip hid
// is taken off (the CPU while the request was in flight, less the time its answer waited to be
// read, at most the round trip). SPEC words the target "own CPU ≤ 40 ms beyond the round
// trips"; the row held to 40 ms counts all of it, which is what issue #11 was measured and
// planned with: counting only the rest would pass with no CPU saved (README, "The issue
// event's own CPU").
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startEmulator } from '../../tests/emulator/index.js';
import { findNode24 } from './cold-start.js';
import type { Context } from './context.js';
import { describeRequest, readsIssues, requestMix } from './context.js';
import { ISSUE_CONFIG } from './data.js';
import {
  assertCompleted,
  baseEnv,
  emuRest,
  fmtBytes,
  fmtMs,
  HOOKS_DIR,
  issuesEventPayload,
  makeWorkspace,
  median,
  resetLog,
  round,
  runAction,
  sum,
  takeJson,
} from './harness.js';
import {
  formatProfile,
  formatSelfTime,
  readProfiles,
  selfTimeByModule,
  summarizeProfile,
} from './profile.js';
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
  const wall = await wholeStep(ctx, process.execPath, process.version);
  // GitHub runs the action on Node 24 (action.yml `using: node24`): with --node24 the whole
  // step is measured under it too (installed into a temp dir like cold-start's).
  const n24 = process.version.startsWith('v24.') ? null : findNode24(ctx.opts.node24, ctx.log);
  const wall24 = n24 ? await wholeStep(ctx, n24, 'v24') : null;

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
    ...wholeStepRows(wall),
    ...(wall24 ? wholeStepRows(wall24) : []),
  ];
  const notes = wall.profile
    ? [
        `Issue event, whole step, CPU profile (node --cpu-prof, sampled every 0.1 ms; profiling slows the run):`,
        ...wall.profile,
      ]
    : undefined;
  return { name: 'issue event', rows, details: { cases, wall }, notes };
}

/** SPEC "Targets": first request ≤ `node -e 0` + 50 ms. */
export const FIRST_REQUEST_OVER_FLOOR_MS = 50;
/** Issue #11: whole step ≤ floor + round trips + 40 ms of own CPU (and own CPU ≤ 40 ms). */
export const OWN_CPU_LIMIT_MS = 40;
/** SPEC "Targets": peak RSS ≤ 70 MB. */
export const ISSUE_RSS_LIMIT_BYTES = 70 * 1024 * 1024;

interface Rusage {
  userUs: number;
  systemUs: number;
  /** Per answer: its request id, the CPU while it was in flight (sent → head read), when read. */
  answers?: { requestId: string | null; inFlightCpuUs: number; headReadAt: number }[];
  maxRssBytes: number;
}
const cpuMs = (u: Rusage) => (u.userUs + u.systemUs) / 1000;

interface StepRun {
  wallMs: number;
  firstRequestMs: number;
  roundTripsMs: number;
  requests: number;
  cpuMs: number;
  /** Of cpuMs, what was spent while a request was in flight. */
  inFlightCpuMs: number;
  /**
   * Of that, what the round trips hid: per request, its CPU in flight less the time its answer
   * waited to be read (CPU that delayed the answer), at most the round trip's length.
   */
  hiddenCpuMs: number;
  maxRssBytes: number;
}
interface FloorRun {
  wallMs: number;
  cpuMs: number;
  maxRssBytes: number;
}
export interface WholeStep {
  /** Node version measured (`v20.x.y`, or `v24` for --node24). */
  node: string;
  latencyMs: number;
  floor: FloorRun[];
  runs: StepRun[];
  /** With --profile: where the step's CPU goes (node --cpu-prof, whole run). */
  profile?: string[];
}

/** `node -r rusage.cjs -e 0`, spawn → exit: Node's own floor on this machine, right now. */
async function floorRun(node: string, out: string): Promise<FloorRun> {
  const spawnAt = Date.now();
  const child = spawn(node, ['-r', RUSAGE_HOOK, '-e', '0'], {
    env: { ...baseEnv(), BENCH_RUSAGE_OUT: out },
    stdio: 'ignore',
  });
  await new Promise((resolve) => child.on('close', resolve));
  const wallMs = Date.now() - spawnAt;
  const u = takeJson<Rusage>(out);
  if (!u) throw new Error('floor: the rusage hook wrote nothing');
  return { wallMs, cpuMs: cpuMs(u), maxRssBytes: u.maxRssBytes };
}

const RUSAGE_HOOK = path.join(HOOKS_DIR, 'rusage.cjs');

/**
 * Spawn → exit of an issue event whose comment is already up to date (one read, no write),
 * interleaved with `node -e 0` (both with the same CommonJS preload that reports the
 * process's CPU time and peak RSS at exit), so a load change on the machine hits both alike.
 */
async function wholeStep(ctx: Context, node: string, label: string): Promise<WholeStep> {
  const latencyMs = ctx.opts.latencyMs;
  const emu = await startEmulator({ latencyMs, checkResponses: false });
  const ws = makeWorkspace(ISSUE_CONFIG);
  const out = path.join(ws.dir, 'rusage.json');
  try {
    const issue = emu.addIssue({ title: 'Q3 spend', labels: ['budget'], assignees: ['alice'] });
    const payload = await issuesEventPayload(emu, issue.number, 'edited');
    /** The issue event's step under `node`, the request log reset first. */
    const step = (nodeArgs: string[], env?: Record<string, string>) => {
      resetLog(emu);
      return runAction({
        emu,
        bundle: ctx.bundle,
        ws,
        eventName: 'issues',
        payload,
        node,
        nodeArgs,
        env,
      });
    };
    const once = async (): Promise<StepRun> => {
      const r = await step(['-r', RUSAGE_HOOK], { BENCH_RUSAGE_OUT: out });
      assertCompleted(r, 'issue event (whole step)');
      const u = takeJson<Rusage>(out);
      const first = emu.requests[0];
      if (!u || !first) throw new Error('issue event (whole step): no rusage or no request');
      const answers = u.answers ?? [];
      if (answers.length !== emu.requests.length)
        throw new Error(
          `issue event (whole step): ${answers.length} answers seen by the child, ${emu.requests.length} requests by the emulator`,
        );
      const hidden = answers.map((a) => {
        // The emulator's request id ends in its arrival number, in hex.
        const seq = parseInt(a.requestId?.split(':')[1] ?? '', 16);
        const req = emu.requests.find((q) => q.seq === seq);
        if (!req) throw new Error(`issue event (whole step): no request ${a.requestId}`);
        const waited = Math.max(0, a.headReadAt - (req.at + req.durationMs));
        return Math.min(Math.max(0, a.inFlightCpuUs / 1000 - waited), req.durationMs);
      });
      return {
        wallMs: r.wallMs,
        firstRequestMs: first.at - r.spawnAt,
        roundTripsMs: sum(emu.requests.map((q) => q.durationMs)),
        requests: emu.requests.length,
        cpuMs: cpuMs(u),
        inFlightCpuMs: sum(answers.map((a) => a.inFlightCpuUs / 1000)),
        hiddenCpuMs: sum(hidden),
        maxRssBytes: u.maxRssBytes,
      };
    };
    await once(); // creates the comment; the runs measured find it unchanged
    await once(); // warm-up (file cache)
    await floorRun(node, out);
    const floor: FloorRun[] = [];
    const runs: StepRun[] = [];
    for (let i = 0; i < (ctx.opts.quick ? 7 : 15); i++) {
      floor.push(await floorRun(node, out));
      runs.push(await once());
    }
    let profile: string[] | undefined;
    if (ctx.opts.profile) {
      const dir = path.join(ws.dir, 'cpu-prof');
      await step(['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '100']);
      profile = readProfiles(dir).flatMap((p) => [
        ...formatProfile(summarizeProfile(p, ctx.bundle.entry)),
        ...formatSelfTime(selfTimeByModule(p, ctx.bundle.entry)),
      ]);
    }
    return { node: label, latencyMs, floor, runs, profile };
  } finally {
    ws.cleanup();
    await emu.stop();
  }
}

function wholeStepRows(w: WholeStep): Row[] {
  const m = (xs: number[]) => median(xs);
  const range = (xs: number[], f = fmtMs) =>
    `${f(m(xs))} median of ${xs.length} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
  const floorWall = m(w.floor.map((f) => f.wallMs));
  const floorCpu = m(w.floor.map((f) => f.cpuMs));
  const first = w.runs.map((r) => r.firstRequestMs);
  const wall = w.runs.map((r) => r.wallMs);
  const rtt = m(w.runs.map((r) => r.roundTripsMs));
  const own = w.runs.map((r) => r.cpuMs - floorCpu);
  const inFlight = w.runs.map((r) => r.inFlightCpuMs);
  const beyond = w.runs.map((r) => r.cpuMs - floorCpu - r.hiddenCpuMs);
  const rss = w.runs.map((r) => r.maxRssBytes);
  const firstLimit = floorWall + FIRST_REQUEST_OVER_FLOOR_MS;
  const wallLimit = floorWall + rtt + OWN_CPU_LIMIT_MS;
  const tag = `Issue event, Node ${w.node} (comment up to date: ${w.runs[0]?.requests ?? '?'} request, ${w.latencyMs} ms round trip)`;
  const v = w.node.startsWith('v24') ? '.node24' : '';
  const details = {
    floorWallMs: round(floorWall),
    floorCpuMs: round(floorCpu),
    roundTripsMs: round(rtt),
    floor: w.floor,
    runs: w.runs,
  };
  return [
    {
      id: `issue.floor${v}`,
      target: `Node ${w.node} floor: \`node -e 0\`, spawn → exit (interleaved with the runs below)`,
      measured: `${range(w.floor.map((f) => f.wallMs))}; CPU ${fmtMs(floorCpu)}; peak RSS ${fmtBytes(m(w.floor.map((f) => f.maxRssBytes)))}`,
      limit: '',
      pass: null,
      value: round(floorWall),
      unit: 'ms',
    },
    {
      id: `issue.first-request${v}`,
      target: `${tag}: spawn → first request`,
      measured: range(first),
      limit: `≤ floor + ${FIRST_REQUEST_OVER_FLOOR_MS} ms = ${fmtMs(firstLimit)}`,
      pass: m(first) <= firstLimit,
      value: round(m(first)),
      unit: 'ms',
    },
    {
      id: `issue.wall${v}`,
      target: `${tag}: whole step, spawn → exit`,
      measured: range(wall),
      limit: `≤ floor + round trips (${fmtMs(rtt)}) + ${OWN_CPU_LIMIT_MS} ms = ${fmtMs(wallLimit)}`,
      pass: m(wall) <= wallLimit,
      value: round(m(wall)),
      unit: 'ms',
      details,
    },
    {
      id: `issue.cpu${v}`,
      target: `${tag}: own CPU (user + sys of the step beyond the floor's ${fmtMs(floorCpu)})`,
      measured: `${range(own)}; of it ${fmtMs(m(inFlight))} while the request was in flight`,
      limit: `≤ ${OWN_CPU_LIMIT_MS} ms`,
      pass: m(own) <= OWN_CPU_LIMIT_MS,
      value: round(m(own)),
      unit: 'ms',
    },
    {
      id: `issue.cpu-beyond-rtt${v}`,
      target: `${tag}: own CPU beyond the round trips (the row above less what the round trip hid: CPU while the request was in flight, less the time its answer waited to be read, at most the round trip)`,
      measured: range(beyond),
      limit: `(SPEC's wording; ${OWN_CPU_LIMIT_MS} ms if it were the target)`,
      pass: null,
      value: round(m(beyond)),
      unit: 'ms',
    },
    {
      id: `issue.rss${v}`,
      target: `${tag}: peak RSS (VmHWM)`,
      measured: range(rss, fmtBytes),
      limit: `≤ ${fmtBytes(ISSUE_RSS_LIMIT_BYTES)}`,
      pass: m(rss) <= ISSUE_RSS_LIMIT_BYTES,
      value: m(rss),
      unit: 'bytes',
    },
  ];
}
