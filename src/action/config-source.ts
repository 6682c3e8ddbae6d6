// Finds the config: the workspace file if present, else the repository's file through the
// contents API (the base branch for pull requests), else the recommended preset. The
// baseline file is read the same way (readRepoFile), so both are confined alike.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BaselineError, parseBaseline, type Baseline } from '../baseline/index.js';
import { defaultConfig, parseConfig } from '../config/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';
import { fetchConfigText } from '../github/index.js';
import type { ResolvedConfig } from '../types.js';

export interface ConfigLoad {
  config: ResolvedConfig;
  /** Shown in the summary: the path, `api:<path>@<ref>` or `preset:recommended`. */
  source: string;
  /** Said once as a notice (e.g. no config file found). */
  notice?: string;
}

export interface RepoFileOptions {
  workspace: string;
  gh: GitHubClient;
  repo: RepoRef;
  ref: string | null;
}

/** A file of the repository: its text and where it came from. */
export interface RepoFile {
  text: string;
  /** Workspace-relative path, as annotations name it. */
  rel: string;
  /** Absolute path when read from the workspace; null when read through the API. */
  abs: string | null;
  /** `rel`, or `api:<rel>@<ref>`. */
  source: string;
}

/**
 * Reads a repository file named by an input: from the workspace if present, else through
 * the contents API at `ref`. `rel` is returned either way (null text: found nowhere).
 */
/** The path an input names, relative to the workspace with `/` (as annotations and the API name it). */
export function workspaceRelative(workspace: string, file: string): string {
  return path.relative(workspace, path.resolve(workspace, file)).split(path.sep).join('/');
}

export async function readRepoFile(
  file: string,
  opts: RepoFileOptions,
): Promise<RepoFile | { text: null; rel: string }> {
  const abs = path.resolve(opts.workspace, file);
  // Problems are reported against the workspace-relative path so annotations land on the file.
  const rel = workspaceRelative(opts.workspace, file);
  if (existsSync(abs)) {
    return { text: readFileSync(abs, 'utf8'), rel, abs, source: rel };
  }
  const text = await fetchConfigText(opts.gh, opts.repo, rel, opts.ref ?? undefined);
  if (text === null) return { text: null, rel };
  const at = opts.ref ? `@${opts.ref}` : '';
  return { text, rel, abs: null, source: `api:${rel}${at}` };
}

export async function loadActionConfig(
  opts: RepoFileOptions & { configPath: string },
): Promise<ConfigLoad> {
  const file = await readRepoFile(opts.configPath, opts);
  if (file.text !== null && 'abs' in file) {
    if (file.abs !== null) {
      return {
        config: parseConfig(file.text, file.rel, { baseDir: path.dirname(file.abs) }),
        source: file.source,
      };
    }
    // Relative `extends` files cannot be read without a checkout: parseConfig reports them.
    return {
      config: parseConfig(file.text, file.rel, { readFile: () => undefined }),
      source: file.source,
    };
  }
  const { rel } = file;
  return {
    config: defaultConfig(),
    source: 'preset:recommended',
    notice: `No config file at ${rel} (workspace or repository): running the recommended preset. Roles have no members until you add ${rel}.`,
  };
}

/** The `baseline` input's file, read like the config; BaselineError when absent or invalid. */
export async function loadActionBaseline(
  opts: RepoFileOptions & { baselinePath: string },
): Promise<{ baseline: Baseline; source: string }> {
  const file = await readRepoFile(opts.baselinePath, opts);
  if (file.text === null || !('source' in file)) {
    throw new BaselineError(
      file.rel,
      `not found in the workspace or the repository${opts.ref ? ` (at ${opts.ref})` : ''}; write it with \`backlog-lint --repo OWNER/NAME --write-baseline ${file.rel}\` and commit it, or leave the input empty`,
    );
  }
  return { baseline: parseBaseline(file.text, file.rel), source: file.source };
}
