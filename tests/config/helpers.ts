// Shared helpers for the config tests: run parseConfig on inline YAML with a virtual disk.
import path from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import { ConfigError, type ConfigProblem, type ResolvedConfig } from '../../src/types.js';

export const CONFIG_FILE = '.github/backlog-lint.yml';
/** Where the virtual repository lives; extended files are keyed by absolute path under it. */
export const REPO = path.resolve('/virtual-repo');

/** Strips the common indentation of a template literal, so fixtures can be indented in code. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indent = Math.min(
    ...text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => line.length - line.trimStart().length),
  );
  return text
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n');
}

/** parseConfig of `.github/backlog-lint.yml` in REPO; `files` are other files relative to REPO. */
export function parse(text: string, files: Record<string, string> = {}): ResolvedConfig {
  const disk = new Map(Object.entries(files).map(([rel, body]) => [path.join(REPO, rel), body]));
  return parseConfig(text, CONFIG_FILE, {
    baseDir: path.join(REPO, '.github'),
    readFile: (absPath) => disk.get(absPath),
  });
}

/** The problems parse() throws, or fails the test when it does not throw. */
export function problemsOf(text: string, files: Record<string, string> = {}): ConfigProblem[] {
  try {
    parse(text, files);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** `file:line:col` of each problem, for compact position assertions. */
export const where = (p: ConfigProblem): string => `${p.file}:${p.line}:${p.column}`;

/** The one problem whose message contains `text`. */
export function problemAbout(problems: ConfigProblem[], text: string): ConfigProblem {
  const found = problems.filter((p) => p.message.includes(text));
  if (found.length !== 1) {
    throw new Error(
      `expected one problem about "${text}", got:\n${problems.map((p) => p.message).join('\n')}`,
    );
  }
  return found[0]!;
}

/** The example config of SPEC "Config file", used by several tests. */
export const SPEC_EXAMPLE = yaml`
  roles:
    product:
      members: [alice, "@acme/PMs"]
      default-assignee: alice
    project:
      label: null
    design: {}
`;
