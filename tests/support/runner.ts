// The GitHub runner, simulated: what it does to run one `node` action step. Shared by the
// end-to-end tests (tests/action/harness.ts) and the benchmark (scripts/bench/harness.ts),
// so both run the built action under the same contract (docs: "Metadata syntax",
// "Workflow commands", "Variables"):
// - every input of action.yml is set as `INPUT_<NAME>` (upper-cased, spaces → `_`, dashes
//   kept), its default filled in when the workflow does not give it (`${{ github.token }}`
//   → the token); an input action.yml does not declare is set all the same (the runner
//   only warns "Unexpected input(s)");
// - GITHUB_EVENT_PATH holds the event payload; GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
//   GITHUB_STATE, GITHUB_ENV and GITHUB_PATH are empty files the step appends to;
//   RUNNER_TEMP is a scratch directory;
// - the process runs `node <runs.main>` in the workspace with a clean environment: only the
//   few host variables a runner also has (PATH, HOME, locale, temp dir), never the host's
//   GITHUB_* or NODE_* (NODE_OPTIONS from tsx, NODE_EXTRA_CA_CERTS would change the run).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------- action.yml

export interface ActionYml {
  inputs: Record<string, { default?: unknown; required?: boolean; description?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

let actionYml: ActionYml | null = null;
export function readActionYml(): ActionYml {
  actionYml ??= parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
  return actionYml;
}

/** The environment variable the runner sets for an input (dashes kept, as the runner does). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** The `INPUT_*` variables of a step: the workflow's `with:` over action.yml's defaults. */
export function inputEnv(
  given: Record<string, string> | undefined,
  token: string,
): Record<string, string> {
  const inputs = readActionYml().inputs;
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    let value = given?.[name] ?? (spec.default === undefined ? '' : String(spec.default));
    if (given?.[name] === undefined && /^\$\{\{\s*github\.token\s*\}\}$/.test(value)) value = token;
    out[inputEnvName(name)] = value;
  }
  for (const [name, value] of Object.entries(given ?? {})) {
    if (!(name in inputs)) out[inputEnvName(name)] = value;
  }
  return out;
}

// ---------------------------------------------------------------- the step's files

export interface StepFiles {
  event: string;
  output: string;
  summary: string;
  state: string;
  env: string;
  path: string;
  /** RUNNER_TEMP. */
  temp: string;
}

/** Writes the event payload and the empty command files of one step under `dir`. */
export function stepFiles(dir: string, payload: unknown): StepFiles {
  mkdirSync(dir, { recursive: true });
  const files: StepFiles = {
    event: path.join(dir, 'event.json'),
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'step_summary'),
    state: path.join(dir, 'state'),
    env: path.join(dir, 'env'),
    path: path.join(dir, 'path'),
    temp: path.join(dir, 'runner-temp'),
  };
  writeFileSync(files.event, JSON.stringify(payload, null, 2));
  for (const f of [files.output, files.summary, files.state, files.env, files.path])
    writeFileSync(f, '');
  mkdirSync(files.temp, { recursive: true });
  return files;
}

// ---------------------------------------------------------------- environment

/** Host variables a runner also has; everything else of this process stays out. */
export const PASSED_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SYSTEMROOT',
];

export function hostEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of PASSED_ENV) {
    const v = process.env[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export interface RunnerEnvOptions {
  files: StepFiles;
  workspace: string;
  eventName: string;
  /** GITHUB_API_URL, GITHUB_GRAPHQL_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY(_OWNER)... */
  github: Record<string, string>;
  runId?: string;
  runNumber?: string;
  runAttempt?: number;
  ref?: string;
  sha?: string;
}

/** The environment of one step: the host's few variables, the runner's GITHUB_* and RUNNER_*. */
export function runnerEnv(o: RunnerEnvOptions): Record<string, string> {
  return {
    ...hostEnv(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'backlog-lint',
    GITHUB_ACTOR: 'octocat',
    GITHUB_RUN_ID: o.runId ?? '1000',
    GITHUB_RUN_NUMBER: o.runNumber ?? '1',
    GITHUB_RUN_ATTEMPT: String(o.runAttempt ?? 1),
    GITHUB_WORKFLOW: 'backlog-lint',
    GITHUB_JOB: 'lint',
    GITHUB_REF: o.ref ?? 'refs/heads/main',
    GITHUB_SHA: o.sha ?? '0123456789abcdef0123456789abcdef01234567',
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: o.files.event,
    GITHUB_OUTPUT: o.files.output,
    GITHUB_STEP_SUMMARY: o.files.summary,
    GITHUB_STATE: o.files.state,
    GITHUB_ENV: o.files.env,
    GITHUB_PATH: o.files.path,
    GITHUB_WORKSPACE: o.workspace,
    RUNNER_TEMP: o.files.temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...o.github,
  };
}

// ---------------------------------------------------------------- running the step

export interface StepProcess {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Epoch ms just before spawn(). */
  spawnAt: number;
  /** Spawn to exit. */
  wallMs: number;
}

/** `node [nodeArgs] entry` in `cwd` with exactly `env`; killed after `timeoutMs`. */
export async function spawnStep(o: {
  entry: string;
  env: Record<string, string>;
  cwd: string;
  node?: string;
  nodeArgs?: string[];
  timeoutMs: number;
}): Promise<StepProcess> {
  const spawnAt = Date.now();
  const child = spawn(o.node ?? process.execPath, [...(o.nodeArgs ?? []), o.entry], {
    cwd: o.cwd,
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (resolve, reject) => {
        child.once('error', reject);
        child.once('close', (c, s) => resolve([c, s]));
      },
    );
    return { code, signal, stdout, stderr, spawnAt, wallMs: Date.now() - spawnAt };
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- what the step left

/** GITHUB_OUTPUT in the runner's file format: `name<<DELIM\nvalue\nDELIM` (and `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const delim = heredoc[2];
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++] ?? '');
      if (i >= lines.length)
        throw new Error(`GITHUB_OUTPUT: no closing delimiter for ${heredoc[1]}`);
      out[heredoc[1]] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`GITHUB_OUTPUT: cannot parse line ${JSON.stringify(line)}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}
