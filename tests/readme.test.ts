// The README is part of the product: its workflows and commands must be the ones that work.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';

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

  it('documents every rule id and every action input and output', () => {
    for (const r of RULES) {
      expect(readme).toMatch(new RegExp(`\\| \`${r.id}\` +\\| ${r.defaultSeverity} +\\|`));
    }
    const action = readFileSync('action.yml', 'utf8');
    const names = [...action.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(readme).toContain(`\`${n}\``);
  });
});
