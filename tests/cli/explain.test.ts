// `backlog-lint explain N`: every signal, what it names and why, which decided, which rules fired.
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../src/cli/args.js';
import { restIssue, run, scratch, SMALL_CONFIG } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function dir(): string {
  const s = scratch({
    'issues.json': [
      {
        ...restIssue(7, {
          title: '[Bug] Export fails',
          labels: ['enhancement', 'Blocked', 'kind/bug', 'priority/important-soon'],
          milestone: 'v2',
        }),
        type: { name: 'Task' },
      },
      restIssue(8, {
        title: 'Dark mode',
        labels: ['type: feature', 'risk: high'],
        assignees: ['bob'],
      }),
    ],
    'backlog-lint.yml': SMALL_CONFIG,
  });
  cleanups.push(s.remove);
  return s.dir;
}

describe('explain', () => {
  it('prints every signal, which one decided and why the others did not count', async () => {
    const cwd = dir();
    const { code, stdout } = await run(
      ['explain', '7', '--input', 'issues.json', '--config', 'backlog-lint.yml'],
      { cwd },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('#7 [Bug] Export fails');
    expect(stdout).toContain('✔ issue type Task → task');
    expect(stdout).toMatch(
      /✘ label "enhancement" → feature\n.*outranked: a native issue type is stronger than a plain label/,
    );
    expect(stdout).toMatch(
      /✘ label "kind\/bug" → quality\n.*type namespace "kind", "bug" is a word of quality \(project\)/,
    );
    expect(stdout).toMatch(
      /· label "priority\/important-soon"\n.*"priority" is an attribute namespace/,
    );
    expect(stdout).toMatch(/✘ title prefix \[Bug\] → quality/);
    expect(stdout).toContain('Type: task, owned by project (decided by issue type Task)');
    expect(stdout).toContain('Rules fired:\n');
    expect(stdout).toContain(
      '  warning owner-required: #7 is a task issue owned by project and has no assignee',
    );
  });

  it('--format json gives the same as data', async () => {
    const cwd = dir();
    const { code, stdout } = await run(
      [
        'explain',
        '#8',
        '--input',
        'issues.json',
        '--config',
        'backlog-lint.yml',
        '--format',
        'json',
      ],
      { cwd },
    );
    expect(code).toBe(0);
    const data = JSON.parse(stdout) as Record<string, unknown>;
    expect(data).toMatchObject({
      issue: 8,
      type: 'feature',
      ownerRole: 'product',
      signal: 'label "type: feature"',
      signals: [
        { source: 'label', text: 'type: feature', types: ['feature'], counted: true },
        { source: 'label', text: 'risk: high', types: [], counted: false, strength: null },
      ],
    });
    expect((data.findings as { rule: string }[]).map((f) => f.rule)).toContain('owner-role');
  });

  it('says so when the issue is not in the input, and checks its arguments', async () => {
    const cwd = dir();
    const missing = await run(['explain', '99', '--input', 'issues.json'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('issue #99 is not in issues.json');
    expect(() => parseCliArgs(['explain', '--input', 'x.json'])).toThrow(UsageError);
    expect(() => parseCliArgs(['explain', 'abc', '--input', 'x.json'])).toThrow(
      /not an issue number/,
    );
    expect(() => parseCliArgs(['explain', '3'])).toThrow(/--input FILE.json or --repo/);
    expect(parseCliArgs(['explain', '3', '--repo', 'acme/rocket'])).toMatchObject({
      kind: 'explain',
      issue: 3,
      source: { kind: 'repo', owner: 'acme', repo: 'rocket' },
    });
  });
});
