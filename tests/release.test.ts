// The release machinery: the workflows in .github/workflows/ and the README's examples in
// examples/workflows/ are valid for GitHub (checked with GitHub's own parser,
// @actions/workflow-parser, which also validates action.yml), and every release has notes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
// @ts-expect-error a plain .mjs script without declarations
import { releaseNotes } from '../scripts/release-notes.mjs';

const notesOf = releaseNotes as (changelog: string, version: string) => string | null;

function errorsOf(result: { context: { errors: { getErrors(): { message: string }[] } } }) {
  return result.context.errors.getErrors().map((e) => e.message);
}

const workflowFiles = ['.github/workflows', 'examples/workflows'].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f)),
);

describe("GitHub's workflow parser", () => {
  it('finds the project workflows and the README examples', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        'examples/workflows/backlog-lint-issue.yml',
      ]),
    );
  });

  it.each(workflowFiles)('%s parses without an error', (file) => {
    const result = parseWorkflow(
      { name: file, content: readFileSync(file, 'utf8') },
      new NoOperationTraceWriter(),
    );
    expect(errorsOf(result)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it('would catch a broken workflow (the check can fail)', () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: x\n';
    const result = parseWorkflow(
      { name: 'broken.yml', content: broken },
      new NoOperationTraceWriter(),
    );
    expect(errorsOf(result).join('\n')).toMatch(/stepz/);
  });

  it('action.yml parses as an action (runs.using: node24)', () => {
    const text = readFileSync('action.yml', 'utf8');
    expect(
      errorsOf(parseAction({ name: 'action.yml', content: text }, new NoOperationTraceWriter())),
    ).toEqual([]);
    expect(text).toMatch(/^ {2}using: node24$/m);
  });
});

describe('releases', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const changelog = readFileSync('CHANGELOG.md', 'utf8');

  it("CHANGELOG.md has notes for package.json's version, and an Unreleased section", () => {
    expect(notesOf(changelog, pkg.version)).toMatch(/### Added/);
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
  });

  it('extracts exactly one version section', () => {
    const text =
      '# C\n\n## [Unreleased]\n\n## [1.1.0] - 2027-01-05\n\n- b\n\n## [1.0.0]\n\n- a\n\n[1.1.0]: https://x\n';
    expect(notesOf(text, '1.1.0')).toBe('- b\n');
    expect(notesOf(text, '1.0.0')).toBe('- a\n');
    expect(notesOf(text, '1.0')).toBeNull();
    expect(notesOf(text, '2.0.0')).toBeNull();
  });

  it('the release workflow checks dist/, tags, moves the major tag and publishes the notes', () => {
    const wf = parseYaml(readFileSync('.github/workflows/release.yml', 'utf8')) as {
      jobs: { release: { steps: { run?: string }[] } };
    };
    const script = wf.jobs.release.steps.map((s) => s.run ?? '').join('\n');
    expect(script).toContain('npm run package');
    expect(script).toContain('git status --porcelain -- dist');
    expect(script).toContain('node scripts/release-notes.mjs "$VERSION"');
    expect(script).toContain('git tag -f -a "$major"');
    expect(script).toContain('git push --force origin "refs/tags/$major"');
    expect(script).toContain('gh release create "v$VERSION"');
  });

  it('the CI workflow runs the steps of .ci/run, the suite under Node 20 and 24', () => {
    const text = readFileSync('.github/workflows/ci.yml', 'utf8');
    for (const step of [
      'npm ci',
      'npm run format:check',
      'npm run lint',
      'npm run package',
      'npm test',
    ]) {
      expect(readFileSync('.ci/run', 'utf8')).toContain(step);
      expect(text).toContain(step);
    }
    expect(text).toContain('node: [24, 20]');
  });

  it('Dependabot updates npm packages and actions', () => {
    const cfg = parseYaml(readFileSync('.github/dependabot.yml', 'utf8')) as {
      version: number;
      updates: { 'package-ecosystem': string }[];
    };
    expect(cfg.version).toBe(2);
    expect(cfg.updates.map((u) => u['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm',
    ]);
  });
});
