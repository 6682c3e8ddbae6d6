import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HELP } from '../../src/cli/args.js';
import { parseConfig } from '../../src/config/index.js';
import type { JsonReport } from '../../src/report/index.js';
import {
  ROOT,
  SAMPLE,
  SAMPLE_CONFIG,
  SAMPLE_GH,
  SMALL_CONFIG,
  TODAY,
  restIssue,
  run,
  runSample,
  scratch,
} from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});
function dir(files: Record<string, string | unknown[]>): string {
  const s = scratch(files);
  cleanups.push(s.remove);
  return s.dir;
}

const ESC = '\u001B[';

/** A product issue that is fine. */
const clean = restIssue(1, { labels: ['feature', 'owner: product'], assignees: ['alice'] });
/** Only a warning: the product ownership label is missing (owner-label). */
const warningOnly = restIssue(2, { labels: ['feature'], assignees: ['alice'] });
/** An error: a product issue assigned to the project member (owner-role). */
const withError = restIssue(3, { labels: ['feature', 'owner: product'], assignees: ['bob'] });
/** Only a notice: an assignee in no role next to the owner (owner-unknown). */
const noticeOnly = restIssue(4, {
  labels: ['feature', 'owner: product'],
  assignees: ['alice', 'zed'],
});

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

describe('exit codes and --fail-on', () => {
  it('0 when nothing is at or above fail-on', async () => {
    const cwd = dir({ 'cfg.yml': SMALL_CONFIG, 'issues.json': [clean] });
    const r = await run(['--input', 'issues.json', '--config', 'cfg.yml'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ no findings in 1 issue/);
  });

  it('1 when an error is found (default fail-on: error)', async () => {
    const cwd = dir({ 'cfg.yml': SMALL_CONFIG, 'issues.json': [clean, withError] });
    const r = await run(['--input', 'issues.json', '--config', 'cfg.yml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('owner-role');
  });

  it('warnings fail only with --fail-on warning; notices never; never means never', async () => {
    const cwd = dir({
      'cfg.yml': SMALL_CONFIG,
      'warn.json': [clean, warningOnly],
      'notice.json': [clean, noticeOnly],
      'error.json': [withError],
    });
    const lintWith = async (file: string, failOn?: string) =>
      (
        await run(
          ['--input', file, '--config', 'cfg.yml', ...(failOn ? ['--fail-on', failOn] : [])],
          { cwd },
        )
      ).code;
    expect(await lintWith('warn.json')).toBe(0);
    expect(await lintWith('warn.json', 'error')).toBe(0);
    expect(await lintWith('warn.json', 'warning')).toBe(1);
    expect(await lintWith('notice.json', 'warning')).toBe(0);
    expect(await lintWith('error.json', 'warning')).toBe(1);
    expect(await lintWith('error.json', 'never')).toBe(0);
  });

  it('2 on a usage error, with the problem and the usage on stderr', async () => {
    const r = await run(['--input', SAMPLE, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      "backlog-lint: --format: 'xml' is not allowed; use one of: text, json, markdown",
    );
    expect(r.stderr).toContain('Usage:\n  backlog-lint --input FILE.json');
    expect(r.stderr).toContain("Run 'backlog-lint --help' for details.");

    const unknown = await run(['--input', SAMPLE, '--fial-on', 'warning']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --fial-on (did you mean --fail-on?)');

    const nothing = await run([]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to lint');
  });
});

describe('formats', () => {
  it('text: findings grouped under each issue, sections, then the total line', async () => {
    const r = await runSample();
    expect(r.code).toBe(1);
    const report = json((await runSample(['--format', 'json'])).stdout);
    const { error, warning, notice } = report.counts;
    const lines = r.stdout.trimEnd().split('\n');
    // Grouped: the issue line, then its findings indented under it.
    const i = lines.indexOf('#9 [Roadmap] Rocket 2027 roadmap draft');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(lines[i + 1]).toMatch(/^ {2}error +owner-role +#9 /);
    expect(r.stdout).toContain('Waivers:');
    expect(r.stdout).toContain('Skipped:');
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    expect(lines.at(-1)).toBe(
      `✖ ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(notice, 'notice')} in ${report.issuesChecked + report.skipped.filter((s) => s.issue !== undefined).length} issues (${report.issuesChecked} checked, ${report.skipped.filter((s) => s.issue !== undefined).length} skipped); 2 pull requests skipped`,
    );
    expect(r.stdout).not.toContain(ESC);
  });

  it('text is coloured on a terminal, unless NO_COLOR; FORCE_COLOR forces it', async () => {
    expect((await runSample([], { isTTY: true })).stdout).toContain(ESC);
    expect((await runSample([], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(
      ESC,
    );
    expect((await runSample([], { isTTY: false, env: { FORCE_COLOR: '1' } })).stdout).toContain(
      ESC,
    );
    expect((await runSample(['--format', 'json'], { isTTY: true })).stdout).not.toContain(ESC);
  });

  it('json: the JSON report (version, counts, findings), nothing else on stdout', async () => {
    const r = await runSample(['--format', 'json']);
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(report).toMatchObject({
      version: 1,
      repository: 'acme/rocket',
      mode: 'backlog',
      complete: true,
      configSource: SAMPLE_CONFIG,
      dryRun: false,
      writes: [],
    });
    expect(report.issuesChecked).toBeGreaterThan(30);
    expect(report.counts.error).toBeGreaterThan(0);
    expect(report.findings.length).toBe(
      report.counts.error + report.counts.warning + report.counts.notice,
    );
    for (const f of report.findings) {
      expect(f).toEqual(
        expect.objectContaining({
          issue: expect.any(Number),
          rule: expect.any(String),
          severity: expect.any(String),
          message: expect.any(String),
        }),
      );
    }
    expect(report.findings.find((f) => f.issue === 9)?.url).toBe(
      'https://github.com/acme/rocket/issues/9',
    );
  });

  it('markdown: the summary with the findings table and issue links', async () => {
    const r = await runSample(['--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('acme/rocket');
    expect(r.stdout).toMatch(/^\| Issue \|/m);
    expect(r.stdout).toContain('[#9](https://github.com/acme/rocket/issues/9)');
    expect(r.stdout).not.toContain(ESC);
  });
});

describe('config', () => {
  it('prints each config problem as file:line:column: message (hint) and exits 2', async () => {
    const cwd = dir({
      'bad.yml':
        'extends: recommended\nrules:\n  owner-rol: error\nroles:\n  product:\n    memberz: [alice]\n',
    });
    const r = await run(['--input', join(ROOT, SAMPLE), '--config', 'bad.yml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^bad\.yml:3:3: .*owner-rol.* \(.*owner-role.*\)$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^bad\.yml:6:5: .*memberz.* \(.*members.*\)$/),
    );
    expect(lines.at(-1)).toBe('backlog-lint: 2 config problems; nothing was linted');
  });

  it('a YAML syntax error is a config error too', async () => {
    const cwd = dir({ 'bad.yml': 'roles:\n  product: [unclosed\n' });
    const r = await run(['--input', join(ROOT, SAMPLE), '--config', 'bad.yml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.yml:\d+:\d+: /m);
  });

  it('--config that does not exist: exit 2, named', async () => {
    const r = await run(['--input', SAMPLE, '--config', 'nope/backlog-lint.yml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('backlog-lint: config file not found: nope/backlog-lint.yml\n');
  });

  it('without --config: .github/backlog-lint.yml in cwd when present', async () => {
    const cwd = dir({
      '.github/backlog-lint.yml': SMALL_CONFIG,
      'issues.json': [clean, withError],
    });
    const r = await run(['--input', 'issues.json', '--format', 'json'], { cwd });
    expect(r.stderr).toBe('');
    expect(json(r.stdout).configSource).toBe('.github/backlog-lint.yml');
    expect(r.code).toBe(1);
  });

  it('without --config and no file: the recommended preset, and a notice on stderr', async () => {
    const cwd = dir({ 'issues.json': [clean] });
    const r = await run(['--input', 'issues.json', '--format', 'json'], { cwd });
    expect(r.stderr).toMatch(
      /^backlog-lint: notice: no \.github\/backlog-lint\.yml here, so the recommended preset runs/,
    );
    expect(json(r.stdout).configSource).toBe('preset:recommended');
    expect(r.code).toBe(0);
  });

  it('--print-config prints the effective config after extends; it parses back the same', async () => {
    const r = await run(['--print-config', '--config', SAMPLE_CONFIG]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`# Config source: ${SAMPLE_CONFIG}`);
    const printed = parseYaml(r.stdout) as {
      roles: Record<string, { members: string[] }>;
      types: Record<string, unknown>;
    };
    expect(printed.roles.product?.members).toEqual(['alice', 'dana']);
    expect(printed.roles.design?.members).toEqual(['erin']);
    // The preset's types are inlined next to the config's own.
    expect(Object.keys(printed.types)).toEqual(
      expect.arrayContaining(['feature', 'budget', 'design']),
    );
    const reparsed = parseConfig(r.stdout, 'printed.yml');
    const original = parseConfig(readFileSync(join(ROOT, SAMPLE_CONFIG), 'utf8'), SAMPLE_CONFIG);
    expect(reparsed.roles).toEqual(original.roles);
    expect(reparsed.types).toEqual(original.types);
    expect(reparsed.rules).toEqual(original.rules);
  });

  it('--print-config without a config file prints the preset (notice on stderr)', async () => {
    const cwd = dir({});
    const r = await run(['--print-config'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Config source: preset:recommended');
    expect(r.stdout).toContain('roadmap:');
    expect(r.stderr).toContain('notice');
  });

  it('--print-config with a broken config: exit 2', async () => {
    const cwd = dir({ 'bad.yml': 'rules:\n  nope: error\n' });
    const r = await run(['--print-config', '--config', 'bad.yml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bad\.yml:2:3: /);
  });
});

describe('input files', () => {
  it('a missing file: exit 2, the file named', async () => {
    const r = await run(['--input', 'missing.json', '--config', SAMPLE_CONFIG]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('backlog-lint: cannot read input file missing.json: no such file\n');
  });

  it('a directory: exit 2, the file named; an empty file: 0 issues read, exit 0', async () => {
    const cwd = dir({ 'empty.json': '\n', 'sub/x': '' });
    expect(
      (await run(['--input', 'sub', '--config', join(ROOT, SAMPLE_CONFIG)], { cwd })).stderr,
    ).toContain('cannot read input file sub: it is a directory');
    const empty = await run(['--input', 'empty.json', '--config', join(ROOT, SAMPLE_CONFIG)], {
      cwd,
    });
    expect(empty.code).toBe(0);
    expect(empty.stderr).toBe('backlog-lint: 0 issues read from empty.json\n');
    expect(empty.stdout).toBe('✔ no findings in 0 issues\n');
  });

  it('bad JSON: exit 2, file, line and column', async () => {
    const cwd = dir({ 'bad.json': '[\n  {"number": 1,\n' });
    const r = await run(['--input', 'bad.json', '--config', join(ROOT, SAMPLE_CONFIG)], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^backlog-lint: bad\.json:\d+:\d+: invalid JSON/);
  });

  it('a bad issue: exit 2, file and entry index', async () => {
    const cwd = dir({ 'bad.json': [restIssue(1), { number: 'two', title: 'x', html_url: 'h' }] });
    const r = await run(['--input', 'bad.json', '--config', join(ROOT, SAMPLE_CONFIG)], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^backlog-lint: bad\.json: entry \[1\]: "number" must be a positive integer/,
    );
    const notArray = dir({ 'obj.json': '{"issues": []}' });
    const r2 = await run(['--input', 'obj.json', '--config', join(ROOT, SAMPLE_CONFIG)], {
      cwd: notArray,
    });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('obj.json: expected a JSON array of issues');
  });

  it('reads gh issue list --json output', async () => {
    const r = await run([
      '--input',
      SAMPLE_GH,
      '--config',
      SAMPLE_CONFIG,
      '--today',
      TODAY,
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    expect(report.repository).toBe('acme/rocket');
    expect(report.issuesChecked).toBeGreaterThan(0);
    const pairs = report.findings.map((f) => `#${f.issue} ${f.rule}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        '#9 owner-role',
        '#13 type-ambiguous',
        '#7 owner-required',
        '#18 single-owner',
        '#19 milestone-required',
      ]),
    );
    // gh spells the Renovate bot app/renovate; it is matched as renovate[bot] and ignored.
    expect(report.skipped).toContainEqual(expect.objectContaining({ issue: 34 }));
    expect(r.code).toBe(1);
  });

  it('reads standard input with --input -', async () => {
    const cwd = dir({ 'cfg.yml': SMALL_CONFIG });
    const r = await run(['--input', '-', '--config', 'cfg.yml', '--format', 'json'], {
      cwd,
      stdin: JSON.stringify([clean, { ...withError, title: '🚀🚀🚀 Überschall' }]),
    });
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(report.findings.map((f) => f.rule)).toEqual(['owner-role']);
    expect(report.findings[0]?.title).toBe('🚀🚀🚀 Überschall');
  });

  it("repository 'local' when the export has no urls; repository_url is used when present", async () => {
    const noUrls = [restIssue(1, { labels: ['feature'], url: false })];
    const withApiUrl = [
      { ...restIssue(1, { url: false }), repository_url: 'https://api.github.com/repos/o/r' },
    ];
    const cwd = dir({ 'cfg.yml': SMALL_CONFIG, 'a.json': noUrls, 'b.json': withApiUrl });
    const a = await run(['--input', 'a.json', '--config', 'cfg.yml', '--format', 'json'], { cwd });
    expect(json(a.stdout).repository).toBe('local');
    const b = await run(['--input', 'b.json', '--config', 'cfg.yml', '--format', 'json'], { cwd });
    expect(json(b.stdout).repository).toBe('o/r');
  });

  it('--today decides which waivers are active; the default is the injected clock', async () => {
    const before = json((await runSample(['--format', 'json', '--today', '2026-09-01'])).stdout);
    const after = json((await runSample(['--format', 'json'])).stdout);
    // #33 waives owner-role until 2026-09-30.
    expect(before.findings.some((f) => f.issue === 33 && f.rule === 'owner-role')).toBe(false);
    expect(after.findings.some((f) => f.issue === 33 && f.rule === 'owner-role')).toBe(true);
    const defaultDay = await run([
      '--input',
      SAMPLE,
      '--config',
      SAMPLE_CONFIG,
      '--format',
      'json',
    ]);
    expect(json(defaultDay.stdout).findings).toEqual(after.findings);
  });
});

describe('--help and --version', () => {
  it('--help prints the help on stdout, exit 0', async () => {
    const r = await run(['--help']);
    expect(r).toEqual({ code: 0, stdout: `${HELP}\n`, stderr: '' });
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});
