// What the committed bundles hold, beyond "they run" (tests/action runs dist/index.js):
// undici only in a chunk of its own, loaded by the proxy support when a proxy applies;
// @actions/cache (with @actions/core, http-client and exec) only in the chunk backlog runs
// load; no node:child_process at a start; and licenses.txt naming every bundled package, the
// chunk's included.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE, ROOT } from './action/harness.js';

const UNDICI_MARK = 'UND_ERR_'; // undici's error codes, in all of its error classes

const CACHE_MARK = 'GetCacheEntryDownloadURL'; // @actions/cache's twirp method name

describe.each(['dist', 'dist/cli'])('%s', (dir) => {
  const abs = path.join(ROOT, dir);
  const chunks = readdirSync(abs).filter((f) => /^\d+\.index\.js$/.test(f));
  const holding = (mark: string): string[] =>
    chunks.filter((c) => readFileSync(path.join(abs, c), 'utf8').includes(mark));

  it('starts without undici: it is in the one chunk the proxy support imports', () => {
    expect(readFileSync(path.join(abs, 'index.js'), 'utf8')).not.toContain(UNDICI_MARK);
    expect(holding(UNDICI_MARK)).toHaveLength(1);
  });

  it('starts without @actions/cache: only backlog mode loads it (the action alone has it)', () => {
    expect(readFileSync(path.join(abs, 'index.js'), 'utf8')).not.toContain(CACHE_MARK);
    expect(holding(CACHE_MARK)).toHaveLength(dir === 'dist' ? 1 : 0);
    // Minified with its class names: it tells its errors apart by them
    // (`err.name === ReserveCacheError.name`), which mangled names would quietly change.
    if (dir === 'dist')
      for (const name of ['ReserveCacheError', 'ValidationError', 'FinalizeCacheError'])
        expect(holding(`class ${name}`), name).toEqual(holding(CACHE_MARK));
    // The CLI has no incremental runs: its one chunk is undici's.
    if (dir === 'dist/cli') expect(chunks).toHaveLength(1);
  });

  it('writes every module factory of a chunk as a parenthesised function, not an arrow', () => {
    // Node 20 compiles `(function` with its chunk and pre-parses an arrow to parse it again
    // when the module is required: ~10 ms of an issue event (scripts/package.mjs). The ids
    // come from each chunk's own module table (importing a chunk only defines its factories).
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const out = {};
         for (const f of ${JSON.stringify(chunks.map((c) => path.join(abs, c)))})
           out[f] = Object.keys((await import('file://' + f)).modules);
         console.log(JSON.stringify(out));`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(chunks.length).toBeGreaterThan(0);
    expect(probe.stderr).toBe('');
    const ids = JSON.parse(probe.stdout) as Record<string, string[]>;
    expect(Object.keys(ids)).toHaveLength(chunks.length);
    for (const [file, keys] of Object.entries(ids)) {
      const text = readFileSync(file, 'utf8');
      expect(keys.length, file).toBeGreaterThan(0);
      // Minified `{7584:(function(`, or ncc's readable `/***/ 7584:` + `/***/ (function(`.
      const arrows = keys.filter(
        (id) => !new RegExp(`(?:[{,]|/\\*{3}/ )${id}:\\s*(?:/\\*{3}/ )?\\(function\\(`).test(text),
      );
      expect(arrows, file).toEqual([]);
    }
  });

  it('names every bundled package in licenses.txt, with its license text', () => {
    const text = readFileSync(path.join(abs, 'licenses.txt'), 'utf8');
    const action = dir === 'dist' ? ['@actions/core'] : []; // the CLI does without it
    for (const pkg of ['undici', '@octokit/core', 'yaml', 'zod', 'picomatch', ...action])
      expect(text).toMatch(new RegExp(`^${pkg}\\n(MIT|ISC|Apache-2\\.0)\\n.*\\S`, 'm'));
  });
});

describe("the action bundle's start", () => {
  it('keeps node:child_process from loading when the action bundle starts', () => {
    // The bundle names child_process (the lazily loaded chunks require it through the main
    // runtime), so what counts is whether a start loads it: the modules Node loaded, read at
    // exit. The step stops at once (no GITHUB_REPOSITORY) after every top-level import of the
    // entry ran (the rest of a run is in chunks: tests/action/bundle-chunks.test.ts follows
    // whole runs).
    const probe = `process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(process.moduleLoadList.filter((m) => / (child_process|dgram)$/.test(m)))))`;
    const run = spawnSync(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, BUNDLE],
      { encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(run.stdout).toContain('GITHUB_REPOSITORY is not set');
    expect(run.stderr).toMatch(/LOADED \[\]/);
    // The probe sees it when it is loaded.
    const positive = spawnSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(probe)}`,
        '-e',
        'require("node:child_process")',
      ],
      { encoding: 'utf8' },
    );
    expect(positive.stderr).toMatch(/LOADED \[.*child_process/);
  });
});

describe("the presets' label globs compiled at build time (presets.json `$label-globs`)", () => {
  it('are what a bundle matches labels with: a changed table changes the match', async () => {
    // A copy of the API bundle (with rules/ above it, where presets are found) whose table
    // says the recommended preset's `cost*` matches `zzz` only. (The untouched bundle types
    // `costxyz` as budget: tests/config/label-glob.test.ts.)
    const root = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-globs-'));
    try {
      cpSync(path.join(ROOT, 'dist/api'), path.join(root, 'dist/api'), { recursive: true });
      cpSync(path.join(ROOT, 'rules'), path.join(root, 'rules'), { recursive: true });
      const file = path.join(root, 'dist/api/presets.json');
      const presets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(presets['$label-globs']).toHaveProperty(['cost*']);
      presets['$label-globs'] = { 'cost*': { source: '^zzz$', flags: 'i' } };
      writeFileSync(file, JSON.stringify(presets));
      const api = (await import(
        pathToFileURL(path.join(root, 'dist/api/index.js')).href
      )) as typeof import('../src/api.js');
      const config = api.parseConfig('version: 1\nextends: recommended\n');
      // The issue's type, from the JSON report's per-issue entries.
      const typeOf = (label: string) =>
        (
          api.lintIssues(
            [
              {
                number: 1,
                title: 'Spend',
                labels: [{ name: label }],
                state: 'open',
                assignees: [],
              },
            ],
            { config, today: '2026-12-01' },
          ) as unknown as { issues: { type: string | null }[] }
        ).issues[0]?.type;
      expect(typeOf('ZZZ')).toBe('budget');
      // Only the glob makes `costxyz` a budget label (`costs` is a word of the type too).
      expect(typeOf('costxyz')).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
