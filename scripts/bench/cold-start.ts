// Target: cold start of dist/index.js to the first request under 150 ms. Measured from just
// before spawn() to the request's arrival at the emulator, median of several runs after one
// warm-up (file cache), in two scenarios:
//  - earliest: backlog mode, no workspace config, so the first request is reading the config
//    through the API, before any config parsing;
//  - issue event with a workspace config: the first request is the sticky comment's lookup,
//    which leaves before the config is parsed and the issue linted (they overlap its round
//    trip; the whole step's time is in the issue-event section).
// For context: the floor (a bare `node -e "fetch(...)"`), and a breakdown from a preloaded
// hook (hooks/timing.mjs) plus the import time of the bundle alone; when the target is missed,
// a CPU profile from start to first request says where the time goes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../tests/emulator/index.js';
import type { Context } from './context.js';
import { ISSUE_CONFIG } from './data.js';
import {
  assertCompleted,
  baseEnv,
  fmtMs,
  HOOKS_DIR,
  issuesEventPayload,
  makeWorkspace,
  median,
  resetLog,
  round,
  runAction,
  takeJson,
  type Workspace,
} from './harness.js';
import {
  bundleComposition,
  formatProfile,
  summarizeProfile,
  type CpuProfile,
  type ProfileSummary,
} from './profile.js';
import type { Row, Section } from './report.js';

export const COLD_START_LIMIT_MS = 150;

interface TimingHook {
  timeOrigin: number;
  bootMs: number;
  firstFetchMs: number | null;
  profile: CpuProfile | null;
}

/** Node 24 from the npm package `node-<platform>-<arch>@24`, installed into a temp dir on request. */
export function findNode24(install: boolean, log: (m: string) => void): string | null {
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = path.join(os.tmpdir(), 'backlog-lint-bench-node24');
  const bin = path.join(
    prefix,
    'node_modules',
    pkg,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  const version = () => {
    try {
      return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  if (existsSync(bin) && version()?.startsWith('v24.')) return bin;
  if (!install) return null;
  log(`  installing ${pkg}@24 into ${prefix} (outside the repository)`);
  try {
    execFileSync(
      'npm',
      ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `${pkg}@24`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, npm_config_loglevel: 'error' },
      },
    );
  } catch (err) {
    log(
      `  could not install ${pkg}@24: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
    return null;
  }
  return existsSync(bin) && version()?.startsWith('v24.') ? bin : null;
}

interface Scenario {
  name: string;
  short: string;
  emu: Emulator;
  ws: Workspace;
  eventName: string;
  payload: unknown;
}

async function firstRequestMs(
  ctx: Context,
  s: Scenario,
  node: string,
  extra: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<number> {
  resetLog(s.emu);
  const r = await runAction({
    emu: s.emu,
    bundle: ctx.bundle,
    ws: s.ws,
    eventName: s.eventName,
    payload: s.payload,
    node,
    ...extra,
  });
  assertCompleted(r, `cold start (${s.short})`);
  const first = s.emu.requests[0];
  if (!first) throw new Error(`cold start (${s.short}): no request reached the emulator`);
  return first.at - r.spawnAt;
}

/** Spawn → arrival of a request from a script that does nothing else: Node's own floor. */
async function floorMs(emu: Emulator, node: string): Promise<number> {
  resetLog(emu);
  const spawnAt = Date.now();
  const child = spawn(
    node,
    ['-e', 'fetch(process.env.BENCH_URL).then((r) => r.text(), () => {})'],
    {
      env: { ...baseEnv(), BENCH_URL: `${emu.url}/rate_limit` },
      stdio: 'ignore',
    },
  );
  await new Promise((resolve) => child.on('close', resolve));
  const first = emu.requests[0];
  if (!first) throw new Error('floor: no request arrived');
  return first.at - spawnAt;
}

/** Import of the bundle alone (compile + evaluate), GITHUB_REPOSITORY unset so run() stops at once. */
async function importMs(ctx: Context, node: string): Promise<{ bootMs: number; importMs: number }> {
  const out = path.join(os.tmpdir(), `backlog-lint-bench-import-${process.pid}.json`);
  const child = spawn(node, [path.join(HOOKS_DIR, 'import-time.mjs'), ctx.bundle.entry, out], {
    env: baseEnv(),
    stdio: 'ignore',
  });
  await new Promise((resolve) => child.on('close', resolve));
  const r = takeJson<{ bootMs: number; importMs: number }>(out);
  if (!r) throw new Error('import-time: no result');
  return r;
}

const stats = (xs: number[]) => ({
  median: round(median(xs)),
  min: round(Math.min(...xs)),
  max: round(Math.max(...xs)),
  all: xs.map((x) => round(x)),
});

const describe = (xs: number[]) =>
  `${fmtMs(median(xs))} median of ${xs.length} (${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))})`;

export async function coldStart(ctx: Context): Promise<Section> {
  const runs = ctx.opts.quick ? 5 : 10;
  const rows: Row[] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = { runs };

  const emuA = await startEmulator({ latencyMs: 0, checkResponses: false });
  const emuB = await startEmulator({ latencyMs: 0, checkResponses: false });
  const wsA = makeWorkspace(null);
  const wsB = makeWorkspace(ISSUE_CONFIG);
  try {
    emuA.seedBacklog(10);
    const issue = emuB.addIssue({ title: 'Q3 spend', labels: ['budget'], assignees: ['alice'] });
    const scenarios: Scenario[] = [
      {
        name: 'earliest request: backlog mode, config read through the API',
        short: 'earliest',
        emu: emuA,
        ws: wsA,
        eventName: 'schedule',
        payload: { schedule: '0 6 * * 1' },
      },
      {
        name: 'issue event, workspace config (the sticky-comment lookup leaves first)',
        short: 'issue',
        emu: emuB,
        ws: wsB,
        eventName: 'issues',
        payload: await issuesEventPayload(emuB, issue.number),
      },
    ];

    const nodes: { label: string; bin: string }[] = [
      { label: process.version, bin: process.execPath },
    ];
    if (!process.version.startsWith('v24.')) {
      const n24 = findNode24(ctx.opts.node24, ctx.log);
      if (n24) {
        const v = execFileSync(n24, ['--version'], { encoding: 'utf8' }).trim();
        nodes.push({ label: v, bin: n24 });
      } else
        notes.push(
          ctx.opts.node24
            ? 'Node 24: could not be installed (see the log); not measured.'
            : 'Node 24 (what GitHub runs the action on): not installed; pass --node24 to install it into a temp dir and measure it too.',
        );
    }

    const k = ctx.opts.quick ? 3 : 5;
    const hookOut = path.join(os.tmpdir(), `backlog-lint-bench-timing-${process.pid}.json`);
    const profiles: Record<string, ProfileSummary> = {};
    for (const node of nodes) {
      const floor: number[] = [];
      await floorMs(emuA, node.bin);
      for (let i = 0; i < runs; i++) floor.push(await floorMs(emuA, node.bin));
      details[`floor ${node.label}`] = stats(floor);
      rows.push({
        id: `cold.${node.label}.floor`,
        target: `Node ${node.label} floor: bare \`node -e "fetch(...)"\`, spawn → first request`,
        measured: describe(floor),
        limit: '',
        pass: null,
        value: median(floor),
        unit: 'ms',
      });
      const failing: Scenario[] = [];
      for (const s of scenarios) {
        await firstRequestMs(ctx, s, node.bin); // warm-up
        const xs: number[] = [];
        for (let i = 0; i < runs; i++) xs.push(await firstRequestMs(ctx, s, node.bin));
        const med = median(xs);
        details[`${s.short} ${node.label}`] = stats(xs);
        ctx.log(`  Node ${node.label} ${s.short}: ${describe(xs)}`);
        const pass = med < COLD_START_LIMIT_MS;
        if (!pass) failing.push(s);
        rows.push({
          id: `cold.${node.label}.${s.short}`,
          target: `Cold start → first request, Node ${node.label}: ${s.name}`,
          measured: describe(xs),
          limit: `< ${COLD_START_LIMIT_MS} ms`,
          pass,
          value: med,
          unit: 'ms',
        });
      }

      // Breakdown: where the milliseconds before the first request are spent.
      const imports: { bootMs: number; importMs: number }[] = [];
      for (let i = 0; i < k; i++) imports.push(await importMs(ctx, node.bin));
      const importMed = median(imports.map((x) => x.importMs));
      const breakdown: Record<string, unknown> = {
        importMs: stats(imports.map((x) => x.importMs)),
      };
      for (const s of scenarios) {
        const spawnToProcess: number[] = [];
        const boot: number[] = [];
        const toFetch: number[] = [];
        const fetchToArrival: number[] = [];
        for (let i = 0; i < k; i++) {
          resetLog(s.emu);
          const r = await runAction({
            emu: s.emu,
            bundle: ctx.bundle,
            ws: s.ws,
            eventName: s.eventName,
            payload: s.payload,
            node: node.bin,
            nodeArgs: ['--import', path.join(HOOKS_DIR, 'timing.mjs')],
            env: { BENCH_HOOK_OUT: hookOut },
          });
          const h = takeJson<TimingHook>(hookOut);
          const first = s.emu.requests[0];
          if (!h || h.firstFetchMs === null || !first) throw new Error('timing hook: no data');
          spawnToProcess.push(h.timeOrigin - r.spawnAt);
          boot.push(h.bootMs);
          toFetch.push(h.firstFetchMs);
          fetchToArrival.push(first.at - (h.timeOrigin + h.firstFetchMs));
        }
        const b = {
          spawnToProcessStartMs: stats(spawnToProcess),
          nodeBootstrapMs: stats(boot),
          processStartToFirstFetchMs: stats(toFetch),
          bundleImportMs: round(importMed),
          bootstrapToFirstFetchMs: round(median(toFetch) - median(boot)),
          fetchCallToArrivalMs: stats(fetchToArrival),
        };
        breakdown[s.short] = b;
        rows.push({
          id: `cold.${node.label}.breakdown.${s.short}`,
          target: `Cold start breakdown, Node ${node.label}, ${s.short} (medians of ${k}, preloaded timing hook)`,
          measured: `spawn → process start ${fmtMs(median(spawnToProcess))}, Node bootstrap ${fmtMs(median(boot))}, then ${fmtMs(median(toFetch) - median(boot))} to the first fetch() (the import of the bundle alone, compile + evaluate: ${fmtMs(importMed)}), fetch() → arrival ${fmtMs(median(fetchToArrival))}`,
          limit: '',
          pass: null,
          details: b,
        });
      }
      details[`breakdown ${node.label}`] = breakdown;

      // Profile when the target is missed (full run) or when asked.
      const toProfile = ctx.opts.profile ? scenarios : ctx.opts.quick ? [] : failing;
      for (const s of toProfile) {
        resetLog(s.emu);
        await runAction({
          emu: s.emu,
          bundle: ctx.bundle,
          ws: s.ws,
          eventName: s.eventName,
          payload: s.payload,
          node: node.bin,
          nodeArgs: ['--import', path.join(HOOKS_DIR, 'timing.mjs')],
          env: { BENCH_HOOK_OUT: hookOut, BENCH_PROFILE: '1' },
        });
        const h = takeJson<TimingHook>(hookOut);
        if (!h?.profile) {
          notes.push(`Profile of ${s.short} (Node ${node.label}): no profile recorded.`);
          continue;
        }
        const summary = summarizeProfile(h.profile, ctx.bundle.entry);
        profiles[`${s.short} ${node.label}`] = summary;
        notes.push(
          `Cold-start CPU profile, Node ${node.label}, ${s.name} (sampled every 0.1 ms from the preload hook to the first fetch(); Node bootstrap before it: ${fmtMs(h.bootMs)}; profiling slows the run):`,
          ...formatProfile(summary),
        );
      }
    }
    if (Object.keys(profiles).length) {
      details.profiles = profiles;
      const comp = bundleComposition(ctx.bundle.entry);
      details.bundleComposition = comp;
      notes.push(
        `Bundle composition (${(ctx.bundle.bytes / 1024 / 1024).toFixed(2)} MB): ${comp
          .slice(0, 8)
          .map((c) => `${c.name} ${Math.round(c.bytes / 1024)} KB`)
          .join(', ')}`,
      );
    }
    rmSync(hookOut, { force: true });
  } finally {
    wsA.cleanup();
    wsB.cleanup();
    await emuA.stop();
    await emuB.stop();
  }
  return { name: 'cold start', rows, details, notes };
}
