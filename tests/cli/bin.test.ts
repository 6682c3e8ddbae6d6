// The `backlog-lint` command as users run it: bin/backlog-lint.js → dist/cli/index.js (the
// committed bundle). `npm test` builds the bundle first; without it these tests are skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/index.js';
import { ruleIds } from '../../src/rules/index.js';
import { ROOT, SAMPLE, SAMPLE_CONFIG, TODAY } from './helpers.js';

const BUNDLE = join(ROOT, 'dist/cli/index.js');
const BIN = join(ROOT, 'bin/backlog-lint.js');
const hasBundle = existsSync(BUNDLE);
if (!hasBundle) {
  console.warn(
    `tests/cli/bin.test.ts skipped: ${BUNDLE} is missing; run \`npm run package\` (npm test does).`,
  );
}

function cli(args: string[], env: Record<string, string> = {}) {
  // A clean environment: no colour settings or tokens of the developer's shell leak in.
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasBundle)('bin/backlog-lint.js (built bundle, child process)', () => {
  beforeAll(() => {
    // A bundle that is not the CLI (a stale placeholder) fails here with one clear message.
    const r = cli(['--version']);
    if (r.code !== 0 || !/^\d+\.\d+\.\d+/.test(r.stdout)) {
      throw new Error(
        `dist/cli/index.js does not answer --version (exit ${r.code}, stdout ${JSON.stringify(r.stdout.slice(0, 80))}): rebuild it with \`npm run package\``,
      );
    }
  });

  it('npm run sample: findings on stdout, exit 1', () => {
    const r = cli(['--input', SAMPLE, '--config', SAMPLE_CONFIG]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('#9 [Roadmap] Rocket 2027 roadmap draft');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^✖ \d+ errors?, \d+ warnings?, \d+ notices? in \d+ issues/,
    );
    expect(r.stdout).not.toContain('\u001B[');
  });

  it('--format json from the bundle: every rule, presets found from dist/', () => {
    const r = cli([
      '--input',
      SAMPLE,
      '--config',
      SAMPLE_CONFIG,
      '--format',
      'json',
      '--today',
      TODAY,
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.version).toBe(1);
    expect(new Set(report.findings.map((f) => f.rule))).toEqual(new Set(ruleIds()));
  });

  it('--fail-on never exits 0; FORCE_COLOR colours a pipe', () => {
    const r = cli(['--input', SAMPLE, '--config', SAMPLE_CONFIG, '--fail-on', 'never'], {
      FORCE_COLOR: '1',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\u001B[');
  });

  it('usage error: exit 2; --version and --help: exit 0', () => {
    const bad = cli(['--input']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--input needs a value');
    const version = cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(cli(['--help']).stdout).toContain('Usage:');
  });

  it('no token for --repo: exit 2 with the reason', () => {
    const r = cli(['--repo', 'acme/rocket']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--repo needs a token: set GITHUB_TOKEN');
  });
});
