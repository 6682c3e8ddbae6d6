// Runs the CLI's main() in-process with captured streams, a fixed clock and no environment
// (so the developer's NO_COLOR, GITHUB_TOKEN, ... cannot change the outcome).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type CliIO } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLE = 'examples/sample-backlog.json';
export const SAMPLE_GH = 'examples/sample-backlog.gh.json';
export const SAMPLE_CONFIG = 'examples/backlog-lint.yml';
/** The sample's waivers are written against this date (one active, one expired). */
export const TODAY = '2026-11-22';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  stdin?: string;
  createClient?: CliIO['createClient'];
}

async function* chunks(text: string): AsyncGenerator<Buffer> {
  // Two chunks, split inside a multi-byte character, as a pipe may deliver them.
  const bytes = Buffer.from(text, 'utf8');
  const cut = Math.floor(bytes.length / 2);
  yield bytes.subarray(0, cut);
  yield bytes.subarray(cut);
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: opts.env ?? {},
    cwd: opts.cwd ?? ROOT,
    isTTY: opts.isTTY ?? false,
    now: () => new Date(`${TODAY}T12:00:00Z`),
    ...(opts.stdin !== undefined ? { stdin: chunks(opts.stdin) } : {}),
    ...(opts.createClient ? { createClient: opts.createClient } : {}),
  });
  return { code, stdout, stderr };
}

/** The sample backlog with the sample config, pinned to TODAY. */
export function runSample(extra: string[] = [], opts: RunOptions = {}): Promise<RunResult> {
  return run(['--input', SAMPLE, '--config', SAMPLE_CONFIG, '--today', TODAY, ...extra], opts);
}

/** A scratch directory with the given files (paths relative to it); remove() deletes it. */
export function scratch(files: Record<string, string | unknown[]>): {
  dir: string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'backlog-lint-cli-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A REST issue object with sensible defaults. */
export function restIssue(
  number: number,
  fields: {
    title?: string;
    labels?: string[];
    assignees?: string[];
    milestone?: string | null;
    author?: string;
    body?: string | null;
    url?: boolean;
  } = {},
): Record<string, unknown> {
  return {
    number,
    title: fields.title ?? `Issue ${number}`,
    ...(fields.url === false
      ? {}
      : { html_url: `https://github.com/acme/rocket/issues/${number}` }),
    state: 'open',
    labels: (fields.labels ?? []).map((name) => ({ name })),
    assignees: (fields.assignees ?? []).map((login) => ({ login })),
    user: { login: fields.author ?? 'alice' },
    milestone: fields.milestone ? { title: fields.milestone } : null,
    body: fields.body ?? null,
  };
}

/** A small config: product [alice], project [bob], default severities. */
export const SMALL_CONFIG = `extends: recommended
roles:
  product:
    members: [alice]
  project:
    members: [bob]
`;
