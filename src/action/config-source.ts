// Finds the config. Pull requests: always the base branch's file, read through the contents
// API at the base ref, whatever the workflow checked out (a pull request cannot loosen its
// own rules). Other runs: the workspace file if present, else the repository's file through
// the contents API, else the recommended preset. Every path (`config-path`, relative
// `extends`, `baseline`) stays inside the repository: src/config/workspace-file.ts. The
// baseline file is read from the same place as the config, under the same rules.
import path from 'node:path';
import { BaselineError, parseBaseline, type Baseline } from '../baseline/index.js';
import {
  defaultConfig,
  MAX_WORKSPACE_FILE_BYTES,
  parseConfig,
  readWorkspaceFile,
  workspacePath,
  WorkspaceFileError,
} from '../config/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';
import { fetchConfigText } from '../github/index.js';
import { ConfigError, type ResolvedConfig } from '../types.js';

export interface ConfigLoad {
  config: ResolvedConfig;
  /** Shown in the summary: the path, `api:<path>@<ref>` or `preset:recommended`. */
  source: string;
  /** Said once as a notice (e.g. no config file found). */
  notice?: string;
}

/** A refused path as a config error on the input (nothing is written to GitHub after it). */
function pathError(err: WorkspaceFileError): ConfigError {
  return new ConfigError([
    { file: err.file, line: 1, column: 1, message: err.message, hint: err.hint },
  ]);
}

type ExtendsReader = NonNullable<Parameters<typeof parseConfig>[2]>['readFile'];

/** Relative `extends` of a workspace config: read from the workspace, under its rules. */
function workspaceReader(workspace: string): ExtendsReader {
  return (absPath, ref) => {
    try {
      if (path.isAbsolute(ref)) workspacePath(workspace, ref, { what: 'extended file' });
      return readWorkspaceFile(workspace, path.relative(workspace, absPath), {
        what: 'extended file',
      })?.text;
    } catch (err) {
      if (err instanceof WorkspaceFileError) return { problem: err.message, hint: err.hint };
      throw err;
    }
  };
}

/**
 * A config read through the contents API at `ref`, with its relative `extends` files read the
 * same way: the config is parsed, the files it names are fetched, and it is parsed again
 * until nothing new is asked for (at most 10 rounds).
 */
export async function parseFromApi(
  opts: { workspace: string; gh: GitHubClient; repo: RepoRef; ref: string | null },
  rel: string,
  text: string,
): Promise<ResolvedConfig> {
  const fetched = new Map<string, string | null>();
  for (let round = 0; ; round++) {
    const wanted = new Set<string>();
    const reader: ExtendsReader = (absPath, ref) => {
      try {
        const at = workspacePath(
          opts.workspace,
          path.isAbsolute(ref) ? ref : path.relative(opts.workspace, absPath),
          {
            what: 'extended file',
          },
        );
        if (!fetched.has(at.rel)) {
          wanted.add(at.rel);
          return undefined;
        }
        return fetched.get(at.rel) ?? undefined;
      } catch (err) {
        if (err instanceof WorkspaceFileError) return { problem: err.message, hint: err.hint };
        throw err;
      }
    };
    try {
      return parseConfig(text, rel, {
        baseDir: path.dirname(path.resolve(opts.workspace, rel)),
        readFile: reader,
      });
    } catch (err) {
      if (!(err instanceof ConfigError) || wanted.size === 0 || round >= 10) throw err;
    }
    for (const file of wanted) fetched.set(file, await fetchCapped(opts, file));
  }
}

export async function fetchCapped(
  opts: { gh: GitHubClient; repo: RepoRef; ref: string | null },
  file: string,
): Promise<string | null> {
  const text = await fetchConfigText(opts.gh, opts.repo, file, opts.ref ?? undefined);
  if (text !== null && Buffer.byteLength(text) > MAX_WORKSPACE_FILE_BYTES) {
    throw new ConfigError([
      {
        file,
        line: 1,
        column: 1,
        message: `${file} is larger than ${MAX_WORKSPACE_FILE_BYTES} bytes; files that large are not read`,
        hint: 'keep the file small: split it, or drop what it does not need',
      },
    ]);
  }
  return text;
}

export async function loadActionConfig(opts: {
  configPath: string;
  workspace: string;
  gh: GitHubClient;
  repo: RepoRef;
  ref: string | null;
  /** Pull-request mode: the base branch's config through the API, never the checkout. */
  pullRequest?: boolean;
}): Promise<ConfigLoad> {
  let rel: string;
  try {
    rel = workspacePath(opts.workspace, opts.configPath, { what: 'config-path' }).rel;
    if (!opts.pullRequest) {
      const file = readWorkspaceFile(opts.workspace, opts.configPath, { what: 'config-path' });
      if (file) {
        return {
          config: parseConfig(file.text, file.rel, {
            baseDir: path.dirname(path.resolve(opts.workspace, file.rel)),
            readFile: workspaceReader(opts.workspace),
          }),
          source: file.rel,
        };
      }
    }
  } catch (err) {
    if (err instanceof WorkspaceFileError) throw pathError(err);
    throw err;
  }
  const text = await fetchCapped(opts, rel);
  if (text !== null) {
    const at = opts.ref ? `@${opts.ref}` : '';
    return { config: await parseFromApi(opts, rel, text), source: `api:${rel}${at}` };
  }
  return {
    config: defaultConfig(),
    source: 'preset:recommended',
    notice: `No config file at ${rel} (${opts.pullRequest ? `base branch${opts.ref ? ` ${opts.ref}` : ''}` : 'workspace or repository'}): running the recommended preset. Roles have no members until you add ${rel}.`,
  };
}

/**
 * The `baseline` input's file, read from the same place as the config under the same rules:
 * the base branch through the API for pull requests; otherwise the workspace, else the API.
 * BaselineError (on the file) when the path is refused, the file absent or invalid.
 */
export async function loadActionBaseline(opts: {
  baselinePath: string;
  workspace: string;
  gh: GitHubClient;
  repo: RepoRef;
  ref: string | null;
  pullRequest?: boolean;
}): Promise<{ baseline: Baseline; source: string }> {
  let rel: string;
  try {
    rel = workspacePath(opts.workspace, opts.baselinePath, { what: 'the path' }).rel;
    if (!opts.pullRequest) {
      const file = readWorkspaceFile(opts.workspace, opts.baselinePath, { what: 'the path' });
      if (file) return { baseline: parseBaseline(file.text, file.rel), source: file.rel };
    }
  } catch (err) {
    if (err instanceof WorkspaceFileError) {
      throw new BaselineError(err.file, `${err.message} — ${err.hint}`);
    }
    throw err;
  }
  let text: string | null;
  try {
    text = await fetchCapped(opts, rel);
  } catch (err) {
    if (err instanceof ConfigError) throw new BaselineError(rel, err.problems[0]!.message);
    throw err;
  }
  if (text === null) {
    throw new BaselineError(
      rel,
      `not found ${opts.pullRequest ? `on the base branch${opts.ref ? ` ${opts.ref}` : ''}` : 'in the workspace or the repository'}; write it with \`backlog-lint --repo OWNER/NAME --write-baseline ${rel}\` and commit it, or leave the input empty`,
    );
  }
  const at = opts.ref ? `@${opts.ref}` : '';
  return { baseline: parseBaseline(text, rel), source: `api:${rel}${at}` };
}
