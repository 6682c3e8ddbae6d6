// Running the built action the way a GitHub runner does, with the runner simulator the
// end-to-end tests use (tests/support/runner.ts): `node dist/index.js` as a child process
// with the runner's environment, API URLs pointing at the emulator.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator } from '../../tests/emulator/index.js';
import {
  hostEnv,
  inputEnv,
  parseOutputFile,
  PASSED_ENV,
  ROOT,
  runnerEnv,
  spawnStep,
  stepFiles,
} from '../../tests/support/runner.js';

export { hostEnv as baseEnv, parseOutputFile, PASSED_ENV, ROOT };
export const RESULTS_DIR = path.join(ROOT, 'bench-results');
export const HOOKS_DIR = path.join(ROOT, 'scripts', 'bench', 'hooks');

// ---------------------------------------------------------------- the bundle

export interface Bundle {
  /** The copy that is run: `bench-results/.dist/index.js`. */
  entry: string;
  /** Where it was copied from. */
  source: string;
  sha256: string;
  bytes: number;
  builtAt: string;
}

/**
 * Copies dist/ (top level only: index.js, package.json, licenses) to bench-results/.dist/ so
 * a rebuild (`npm run package` deletes dist/ first) cannot pull the file from under a run.
 * The copy stays inside the repository, so the bundle still finds `rules/` by walking up.
 */
export async function snapshotBundle(distDir = path.join(ROOT, 'dist')): Promise<Bundle> {
  const src = path.join(distDir, 'index.js');
  // A rebuild in progress: wait for the file to come back and stop growing.
  for (let waited = 0; ; waited += 500) {
    if (existsSync(src)) {
      const a = statSync(src).size;
      await sleep(200);
      if (existsSync(src) && statSync(src).size === a && a > 0) break;
    }
    if (waited > 60_000) throw new Error(`${src} is missing: run \`npm run package\` first.`);
    await sleep(500);
  }
  const dest = path.join(RESULTS_DIR, '.dist');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  for (const f of readdirSync(distDir)) {
    const p = path.join(distDir, f);
    if (statSync(p).isFile()) copyFileSync(p, path.join(dest, f));
  }
  const entry = path.join(dest, 'index.js');
  const bytes = readFileSync(entry);
  return {
    entry,
    source: path.relative(ROOT, src),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    builtAt: statSync(src).mtime.toISOString(),
  };
}

// ---------------------------------------------------------------- workspace

export interface Workspace {
  dir: string;
  /** Writes `.github/backlog-lint.yml` (or removes it with null). */
  setConfig(text: string | null): void;
  cleanup(): void;
}

export function makeWorkspace(config: string | null): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-bench-'));
  const ws: Workspace = {
    dir,
    setConfig(text) {
      const file = path.join(dir, 'repo', '.github', 'backlog-lint.yml');
      if (text === null) rmSync(file, { force: true });
      else {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  mkdirSync(path.join(dir, 'repo'), { recursive: true });
  ws.setConfig(config);
  return ws;
}

// ---------------------------------------------------------------- environment

// The runner passes only a few host variables (tests/support/runner.ts PASSED_ENV): Node
// variables of this machine would change what is measured (NODE_OPTIONS from tsx;
// NODE_EXTRA_CA_CERTS alone adds ~45 ms to every Node start here, and GitHub's runners do
// not set it).

/** Node-related variables of this machine that the children do not get (reported in the JSON). */
export function droppedNodeEnv(): string[] {
  return Object.keys(process.env).filter((k) => /^NODE_|^UV_/.test(k));
}

export interface RunOptions {
  emu: Emulator;
  bundle: Bundle;
  ws: Workspace;
  eventName: string;
  payload: unknown;
  /** Input overrides by action.yml name (`mode`, `report-issue`, ...). */
  inputs?: Record<string, string>;
  token?: string;
  /** Node binary (default: this process's). */
  node?: string;
  /** Arguments before the entry (`--import hook.mjs`, ...). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Kill the child after this long (default 300 s). */
  timeoutMs?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Epoch ms just before spawn(). */
  spawnAt: number;
  /** Spawn to exit. */
  wallMs: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summaryBytes: number;
}

let runSeq = 0;

/** Runs the bundled action once, to completion, and returns what the runner would see. */
export async function runAction(o: RunOptions): Promise<RunResult> {
  const token = o.token ?? 'bench-token';
  const files = stepFiles(path.join(o.ws.dir, `step-${++runSeq}`), o.payload);
  const workspace = path.join(o.ws.dir, 'repo');
  const env: Record<string, string> = {
    ...runnerEnv({
      files,
      workspace,
      eventName: o.eventName,
      github: o.emu.env({ token }),
      sha: '0000000000000000000000000000000000000000',
    }),
    ...inputEnv(o.inputs, token),
    ...(o.env ?? {}),
  };
  const step = await spawnStep({
    entry: o.bundle.entry,
    env,
    cwd: workspace,
    node: o.node,
    nodeArgs: o.nodeArgs,
    timeoutMs: o.timeoutMs ?? 300_000,
  });
  return {
    ...step,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    summaryBytes: statSync(files.summary).size,
  };
}

/** A scheduled backlog step (the `schedule` event, a weekly cron unless `payload` says otherwise). */
export function runScheduled(
  o: Omit<RunOptions, 'eventName' | 'payload'> & { payload?: unknown },
): Promise<RunResult> {
  return runAction({ payload: { schedule: '0 6 * * 1' }, ...o, eventName: 'schedule' });
}

/** Throws with the child's log when a run did not complete as a run of the action should. */
export function assertCompleted(r: RunResult, what: string): void {
  if (r.outputs.complete === 'true') return;
  const tail = (s: string) => s.split('\n').slice(-25).join('\n');
  throw new Error(
    `${what}: the action did not complete (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}, complete=${r.outputs.complete ?? 'unset'}).\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`,
  );
}

/** Resets the emulator's request log and concurrency stats between runs. */
export function resetLog(emu: Emulator): void {
  emu.clearLog();
  emu.stats.inFlight = 0;
  emu.stats.maxInFlight = 0;
  emu.faults.clear();
}

// ---------------------------------------------------------------- statistics

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export const round = (x: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export function fmtBytes(b: number): string {
  if (!Number.isFinite(b)) return 'n/a';
  const abs = Math.abs(b);
  if (abs >= 1024 * 1024) return `${(b / 1024 / 1024).toFixed(1)} MB`;
  if (abs >= 1024) return `${(b / 1024).toFixed(1)} KB`;
  return `${Math.round(b)} B`;
}

export const fmtInt = (n: number): string => n.toLocaleString('en-US');

/** Reads and deletes a JSON file a hook or child wrote; null when it is missing. */
export function takeJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } finally {
    rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------- emulator helpers

/** Calls the emulator's REST API as the bench (not logged against the action: reset after). */
export async function emuRest<T>(
  emu: Emulator,
  method: string,
  apiPath: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${emu.url}${apiPath}`, {
    method,
    headers: {
      authorization: 'token bench-setup',
      accept: 'application/vnd.github+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${apiPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** An `issues` event payload as GitHub sends it, with the issue as the REST API renders it. */
export async function issuesEventPayload(
  emu: Emulator,
  number: number,
  action = 'opened',
): Promise<Record<string, unknown>> {
  const r = emu.repo;
  const issue = await emuRest<Record<string, unknown>>(
    emu,
    'GET',
    `/repos/${r.fullName}/issues/${number}`,
  );
  const repository = await emuRest<Record<string, unknown>>(emu, 'GET', `/repos/${r.fullName}`);
  return { action, issue, repository, sender: { login: 'octocat', type: 'User' } };
}
