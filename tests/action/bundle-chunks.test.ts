// What a run of the BUILT action loads of the bundle: its entry (dist/index.js) holds only the
// run's start (src/action/start.ts), and the rest comes in chunks (`<id>.index.js`, one per
// dynamic import) loaded when a run needs them. An issue event loads the chunk of the run
// after its start, never the backlog source's (incremental snapshots, @actions/cache), the
// config preview's or the proxy's (undici); a backlog run does load the backlog source's.
// Seen from the process: a copy of dist/ whose chunks each say on stderr that they were
// loaded, and the Node built-in modules loaded by exit (process.moduleLoadList) and by the
// moment the first request started. @actions/core's index (and node:crypto with it) is not
// loaded by an issue event at all: the action writes its commands and files itself
// (src/action/io.ts); only @actions/cache brings it in.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnStep } from '../support/runner.js';
import type { Emulator } from '../emulator/index.js';
import {
  actionRunner,
  BUNDLE,
  CONFIG,
  CONFIG_PATH,
  freshRepo,
  issueEvent,
  ROOT,
  scheduleEvent,
  useEmulator,
} from './harness.js';

let emu: Emulator;
useEmulator((e) => (emu = e));

/** Text that only one part of the run has (its chunk holds it, minified or not). */
const MARKS = {
  // src/action/incremental.ts (the backlog source), with @actions/cache behind it
  backlogSource: 'Stored the backlog snapshot for the next run',
  actionsCache: 'GetCacheEntryDownloadURL',
  // src/action/preview.ts (a pull request's config change)
  preview: 'linted with both configs',
  undici: 'UND_ERR_',
  // src/action/lint-and-report.ts: the run after its start
  runAfterStart: 'backlog-lint: rate-limit budget',
};

const LOADED = 'backlog-lint test: loaded chunk ';
const BUILTINS = 'backlog-lint test: built-in modules ';
const AT_FIRST_REQUEST = 'backlog-lint test: loaded at the first request ';

let root: string;
let dir: string;
/** The chunks of the copy, each with its text. */
const chunkText = new Map<string, string>();

beforeAll(() => {
  // The action's layout: dist/ beside rules/ (the presets are found by walking up).
  root = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-chunks-'));
  dir = path.join(root, 'dist');
  cpSync(path.dirname(BUNDLE), dir, { recursive: true });
  cpSync(path.join(ROOT, 'rules'), path.join(root, 'rules'), { recursive: true });
  for (const f of readdirSync(dir).filter((f) => /^\d+\.index\.js$/.test(f))) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    chunkText.set(f, text);
    // A statement before the chunk's exports: an ES module runs it when it is loaded.
    writeFileSync(
      path.join(dir, f),
      `process.stderr.write(${JSON.stringify(LOADED + f)} + '\\n');\n${text}`,
    );
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const builtinsNow = `JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)))`;
const probe = [
  // A static import: subscribed before the entry runs (an --import module is evaluated first).
  `import dc from 'node:diagnostics_channel'`,
  `process.on('exit', () => process.stderr.write(${JSON.stringify(BUILTINS)} + ${builtinsNow} + '\\n'))`,
  // The chunks loaded so far have said so on stderr already: this line comes after them.
  `let first = true`,
  `dc.subscribe('http.client.request.start', () => { if (first) process.stderr.write(${JSON.stringify(AT_FIRST_REQUEST)} + ${builtinsNow} + '\\n'); first = false; })`,
].join(';\n');

const { runAction } = actionRunner((step) =>
  spawnStep({
    entry: path.join(dir, path.basename(BUNDLE)),
    nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(probe)}`],
    ...step,
  }),
);

/** What a run loaded (by exit, or by its first request): chunks by their marks, built-ins. */
function loaded(
  stderr: string,
  by: 'exit' | 'first request' = 'exit',
): { chunks: string[]; marks: string[]; builtins: string[] } {
  const lines = stderr.split('\n');
  const report = by === 'exit' ? BUILTINS : AT_FIRST_REQUEST;
  const at = lines.findIndex((l) => l.startsWith(report));
  if (at < 0) throw new Error(`the probe reported nothing (${by}):\n${stderr}`);
  // By the first request: the chunks announced before its report line (by exit: all of them).
  const chunks = (by === 'first request' ? lines.slice(0, at) : lines)
    .filter((l) => l.startsWith(LOADED))
    .map((l) => l.slice(LOADED.length));
  const marks = Object.entries(MARKS)
    .filter(([, mark]) => chunks.some((c) => chunkText.get(c)?.includes(mark)))
    .map(([name]) => name);
  const builtins = JSON.parse((lines[at] as string).slice(report.length)) as string[];
  return { chunks, marks, builtins };
}

/** An issue event on a fresh repository with one issue, run by the copy of the bundle. */
async function issueEventRun(
  name: string,
  o: { inputs?: Record<string, string>; config?: string } = {},
) {
  const { token } = freshRepo(emu, name);
  const number = emu.addIssue({ title: '[Feature] Export', labels: ['feature'] }).number;
  return runAction({
    emu,
    event: issueEvent(emu, number),
    token,
    ...(o.inputs && { inputs: o.inputs }),
    workspaceFiles: { [CONFIG_PATH]: o.config ?? CONFIG },
  });
}

describe('what a run of the bundle loads', () => {
  it('the marks name one chunk each, and the entry holds none of them', () => {
    const entry = readFileSync(BUNDLE, 'utf8');
    for (const mark of Object.values(MARKS)) {
      expect(entry).not.toContain(mark);
      expect([...chunkText.values()].filter((t) => t.includes(mark))).toHaveLength(1);
    }
  });

  it('an issue event: the chunk of the run after its start only; no child process, zlib or crypto', async () => {
    const run = await issueEventRun('chunks-issue');
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.complete).toBe('true');
    const seen = loaded(run.stderr);
    expect(seen.marks).toEqual(['runAfterStart']);
    expect(seen.builtins).not.toContain('child_process');
    expect(seen.builtins).not.toContain('zlib');
    expect(seen.builtins).toContain('http'); // the probe sees what the run loads
    // Neither node:crypto nor any part of it (webcrypto's `globalThis.crypto` loads its
    // internal modules without the public one).
    expect(seen.builtins.filter((b) => /(^|\/)crypto/.test(b))).toEqual([]);

    // The first request left before any chunk was loaded; what the run wrote before it (the
    // mask, the mode line) came out first and in order.
    const before = loaded(run.stderr, 'first request');
    expect(before.chunks).toEqual([]);
    expect(before.builtins).toContain('http');
    expect(run.commands[0]).toMatchObject({ command: 'add-mask' });
    expect(run.stdout.split('\n')[1]).toMatch(/^backlog-lint: issue mode/);
  });

  it('a bad input stops the run before any request, and what it wrote still comes out', async () => {
    const run = await issueEventRun('chunks-bad-input', { inputs: { 'fail-on': 'sometimes' } });
    expect(run.exitCode).toBe(1);
    expect(run.requests).toEqual([]);
    expect(run.failures).toEqual([expect.stringMatching(/fail-on/)]);
    expect(loaded(run.stderr).chunks).toEqual([]);
  });

  it('a config error stops the run after that chunk too, having written nothing', async () => {
    const run = await issueEventRun('chunks-config-error', {
      config: 'version: 1\nrules:\n  owner-rol: error\n',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/owner-rol/);
    expect(emu.writes()).toEqual([]);
    expect(loaded(run.stderr).marks).toEqual(['runAfterStart']);
  });

  it('a backlog run loads the backlog source and @actions/cache: the marks are seen when loaded', async () => {
    const { token } = freshRepo(emu, 'chunks-backlog');
    emu.seedBacklog(3);
    const run = await runAction({
      emu,
      event: scheduleEvent(emu),
      token,
      inputs: { 'fail-on': 'never' },
      workspaceFiles: { [CONFIG_PATH]: CONFIG },
      // The runner's Actions cache service: the incremental source loads @actions/cache.
      env: emu.cacheEnv(),
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    // (@actions/http-client, which @actions/cache uses, imports undici.)
    expect(loaded(run.stderr).marks).toEqual([
      'backlogSource',
      'actionsCache',
      'undici',
      'runAfterStart',
    ]);
    // The snapshot's digest (and @actions/cache) load node:crypto: the probe sees it.
    expect(loaded(run.stderr).builtins).toContain('crypto');
  });
});
