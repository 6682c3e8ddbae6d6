// The published package as a user gets it: `npm pack`, installed into an empty folder
// (no network: the package has no runtime dependencies), then the command through npx, a
// lint of the sample, and the programmatic API imported (types included) without running
// the action. `npm test` builds dist/ first; without the API bundle these tests are skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SAMPLE, SAMPLE_CONFIG, TODAY, runSample } from '../cli/helpers.js';

const hasBundles = ['dist/api/index.js', 'dist/api/index.d.ts', 'dist/cli/index.js'].every((f) =>
  existsSync(join(ROOT, f)),
);
if (!hasBundles) {
  console.warn('tests/package/pack.test.ts skipped: dist/ is not built; run `npm run package`.');
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
};

let work: string;
let app: string;
let packed: string[];

/** A clean environment: the developer's tokens, colours and runner variables stay out. */
function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: work,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
}

function sh(cmd: string, args: string[], cwd = app) {
  const r = spawnSync(cmd, args, { cwd, env: env(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!hasBundles) return;
  work = mkdtempSync(join(tmpdir(), 'backlog-lint-pack-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    env: { ...env(), HOME: process.env.HOME ?? work },
    encoding: 'utf8',
  });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path).sort();
  app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    '{ "name": "app", "private": true, "type": "module" }\n',
  );
  const install = sh('npm', [
    'install',
    '--offline',
    '--no-audit',
    '--no-fund',
    join(work, info!.filename),
  ]);
  if (install.code !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!hasBundles)('the packed package', () => {
  it('is publishable, with no runtime dependencies (the bundles are self-contained)', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('ships the bundles, presets, schema, bin, README and LICENSE; no sources or tests', () => {
    for (const f of [
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
      'package.json',
      'bin/backlog-lint.js',
      'dist/cli/index.js',
      'dist/cli/presets.json',
      'dist/api/index.js',
      'dist/api/index.d.ts',
      'rules/recommended.yml',
      'rules/strict.yml',
      'schema/backlog-lint.schema.json',
    ]) {
      expect(packed).toContain(f);
    }
    expect(
      packed.filter((f) => /^(src|tests|scripts|examples|docs|\.ci|\.github)\//.test(f)),
    ).toEqual([]);
    // The action runs from the repository at a tag (action.yml → dist/index.js), not from npm.
    expect(packed).not.toContain('dist/index.js');
  });

  it('`npx backlog-lint --version` prints the version', () => {
    const r = sh('npx', ['--no-install', 'backlog-lint', '--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.code).toBe(0);
  });

  it('lints the sample as the repository does', async () => {
    const r = sh('npx', [
      '--no-install',
      'backlog-lint',
      '--input',
      join(ROOT, SAMPLE),
      '--config',
      join(ROOT, SAMPLE_CONFIG),
      '--today',
      TODAY,
      '--format',
      'json',
    ]);
    const here = await runSample(['--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(here.code);
    expect({ ...JSON.parse(r.stdout), configSource: 'same' }).toEqual({
      ...JSON.parse(here.stdout),
      configSource: 'same',
    });
  });

  it('imports the API: lintIssues and loadConfig, and nothing runs on import', () => {
    const script = `
      import { lintIssues, loadConfig, parseConfig, ConfigError } from 'backlog-lint';
      import { readFileSync } from 'node:fs';
      const config = loadConfig(${JSON.stringify(join(ROOT, SAMPLE_CONFIG))});
      const report = lintIssues(readFileSync(${JSON.stringify(join(ROOT, SAMPLE))}, 'utf8'), { config, today: '${TODAY}' });
      let problems = null;
      try { parseConfig('rules:\\n  owner-rol: error\\n'); } catch (e) { if (e instanceof ConfigError) problems = e.problems; }
      console.log(JSON.stringify({ counts: report.counts, checked: report.issuesChecked, roles: Object.keys(config.roles), problems }));
    `;
    const r = sh(process.execPath, ['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // One line, the script's: the action would have printed workflow commands (`::error::`).
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as {
      counts: Record<string, number>;
      checked: number;
      roles: string[];
      problems: { line: number; column: number; message: string }[];
    };
    expect(out.counts.error).toBeGreaterThan(0);
    expect(out.checked).toBeGreaterThan(30);
    expect(out.roles).toEqual(expect.arrayContaining(['product', 'project']));
    expect(out.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 3,
        message: expect.stringContaining('owner-rol'),
      }),
    ]);
  });

  it('has types: a TypeScript consumer type-checks against the installed package', () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { lintIssues, loadConfig, type Report } from 'backlog-lint';
const report: Report = lintIssues([], { config: loadConfig() });
const n: number = report.counts.error + report.findings.length;
// @ts-expect-error the config is not a path
lintIssues([], { config: 'x.yml' });
export default n;
`,
    );
    const r = sh(process.execPath, [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      'consumer.ts',
    ]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
