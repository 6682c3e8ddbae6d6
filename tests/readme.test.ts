// The README is part of the product: its workflows and commands must be the ones that work.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { RULES } from '../src/rules/index.js';
import { SAMPLE, run, runSample, scratch } from './cli/helpers.js';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

describe('README', () => {
  it('contains each example workflow verbatim (the tests run those files)', () => {
    const files = readdirSync('examples/workflows').filter((f) => f.endsWith('.yml'));
    expect(files.length).toBe(3);
    for (const f of files) {
      const text = readFileSync(`examples/workflows/${f}`, 'utf8');
      expect(readme, f).toContain('```yaml\n' + text + '```');
    }
  });

  it('gives the two first commands, and both exist as npm scripts', () => {
    expect(readme).toContain('npm ci && npm run sample');
    expect(readme).toMatch(/^npm test\b/m);
    expect(pkg.scripts.sample).toContain('examples/sample-backlog.json');
    expect(pkg.scripts.test).toContain('vitest run');
  });

  it('documents every action input and output', () => {
    const action = readFileSync('action.yml', 'utf8');
    const names = [...action.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(readme).toContain(`\`${n}\``);
  });
});

describe('README rules table follows the registry', () => {
  // The table under "## Rules": | id | default | finding when | example message | fix |
  const section = readme.slice(readme.indexOf('\n## Rules\n'));
  const rows = section
    .slice(0, section.indexOf('\n\n', section.indexOf('\n|')))
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()));

  it('lists exactly the registered rules, in registry order', () => {
    expect(rows.map((cells) => cells[1])).toEqual(RULES.map((r) => `\`${r.id}\``));
  });

  it('gives each rule its default severity, and a fix exactly when the rule is fixable', () => {
    for (const r of RULES) {
      const cells = rows.find((c) => c[1] === `\`${r.id}\``)!;
      expect(cells[2], r.id).toBe(r.defaultSeverity);
      expect(cells[5] !== '', r.id).toBe(r.fixable);
    }
  });
});

describe('README examples are real output', () => {
  const block = (start: string, lang: string, indent = ''): string => {
    const i = readme.indexOf('```' + lang + '\n' + indent + start);
    expect(i, `a ${lang} block starting with ${start}`).toBeGreaterThanOrEqual(0);
    const from = i + 3 + lang.length + 1;
    return readme.slice(from, readme.indexOf('```', from));
  };

  it('the config-error example is what the CLI prints for the config shown', async () => {
    const config = block('# .github/backlog-lint.yml, with three mistakes', 'yaml');
    const shown = block('$ npx backlog-lint --print-config\n', 'text');
    const dir = scratch({ '.github/backlog-lint.yml': config });
    try {
      const r = await run(['--print-config'], { cwd: dir.dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(`$ npx backlog-lint --print-config\n${r.stderr}`).toBe(shown);
    } finally {
      dir.remove();
    }
  });

  it("the quick start's config is valid and gives both roles members", () => {
    // Indented: the block is in the quick start's numbered list.
    const text = block('# .github/backlog-lint.yml\n', 'yaml', '   ');
    const config = parseConfig(text.replace(/^ {3}/gm, ''), '.github/backlog-lint.yml');
    expect(config.roles.product?.members).toEqual(['alice']);
    expect(config.roles.project?.members).toEqual(['bob']);
  });

  it("the sample's numbers agree with the CLI's total line and the skipped list", async () => {
    const r = await runSample();
    const total = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(readme).toContain('`' + total + '`');
    const report = JSON.parse((await runSample(['--format', 'json'])).stdout) as {
      issuesChecked: number;
      skipped: { item: string; issue?: number; reason: string }[];
    };
    const entries = (JSON.parse(readFileSync(SAMPLE, 'utf8')) as unknown[]).length;
    const prs = report.skipped.filter((s) => s.reason === 'pull request').length;
    const ignored = report.skipped.length - prs;
    const issues = report.issuesChecked + ignored;
    expect(entries).toBe(issues + prs);
    expect(readme).toContain(
      `${entries} entries — ${issues} issues\n(${report.issuesChecked} checked; ${ignored} ignored or closed) and ${prs} pull requests`,
    );
    expect(total).toContain(
      `in ${issues} issues (${report.issuesChecked} checked, ${ignored} skipped); ${prs} pull requests skipped`,
    );
  });
});
