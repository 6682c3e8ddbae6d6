// The package's programmatic API (src/api.ts → dist/api/index.js), in-process. The packed
// package is tested in tests/package/pack.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InputError,
  lintIssues,
  loadConfig,
  parseConfig,
  type Report,
} from '../src/api.js';
import { SAMPLE, SAMPLE_CONFIG, TODAY, runSample } from './cli/helpers.js';

describe('programmatic API', () => {
  it('lintIssues with loadConfig gives the report of `--format json`', async () => {
    const config = loadConfig(SAMPLE_CONFIG);
    expect(config.source).toBe(SAMPLE_CONFIG);
    expect(config.roles.product?.members).toEqual(['alice', 'dana']);
    const report: Report = lintIssues(readFileSync(SAMPLE, 'utf8'), { config, today: TODAY });
    const cli = JSON.parse((await runSample(['--format', 'json'])).stdout) as Report;
    expect(report).toEqual(cli);
  });

  it('takes issue objects too, and the recommended preset by default', () => {
    const issues = JSON.parse(readFileSync(SAMPLE, 'utf8')) as unknown[];
    const report = lintIssues(issues, { today: TODAY });
    expect(report.configSource).toBe('preset:recommended');
    expect(report.repository).toBe('acme/rocket');
    expect(report.issuesChecked).toBeGreaterThan(30);
    // No role has members: membership rules are skipped with a notice, never guessed.
    expect(report.findings.some((f) => f.rule === 'owner-role')).toBe(false);
    expect(report.notices.some((n) => n.kind === 'rule-skipped')).toBe(true);
  });

  it('config problems are a ConfigError with positions', () => {
    let err: unknown;
    try {
      parseConfig('roles:\n  product:\n    member: [a]\n', { file: 'cfg.yml' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      expect.objectContaining({ file: 'cfg.yml', line: 3, column: 5 }),
    ]);
    expect(() => loadConfig('no/such.yml')).toThrow(ConfigError);
  });

  it('bad issue input is an InputError that says where', () => {
    expect(() => lintIssues('[{"number": 1}]\n{', { source: 'x.json' })).toThrow(InputError);
    expect(() => lintIssues([{ number: 2 }], { source: 'x.json' })).toThrow(
      'x.json: entry [0] (issue #2): missing "title"',
    );
  });

  it('the effective config is the --print-config YAML', () => {
    const config = parseConfig('extends: strict\n');
    expect(config.effective).toMatch(
      /^# Effective backlog-lint config\. Extended: recommended, strict/,
    );
  });

  it('rejects a config object it did not make', () => {
    expect(() => lintIssues([], { config: { source: 'x', roles: {}, effective: '' } })).toThrow(
      /must come from loadConfig\(\) or parseConfig\(\)/,
    );
  });
});
