// Finds the config: the workspace file if present, else the repository's file through the
// contents API (the base branch for pull requests), else the recommended preset.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

export async function loadActionConfig(opts: {
  configPath: string;
  workspace: string;
  gh: GitHubClient;
  repo: RepoRef;
  ref: string | null;
}): Promise<ConfigLoad> {
  const abs = path.resolve(opts.workspace, opts.configPath);
  // Problems are reported against the workspace-relative path so annotations land on the file.
  const rel = path.relative(opts.workspace, abs).split(path.sep).join('/');
  if (existsSync(abs)) {
    const text = readFileSync(abs, 'utf8');
    return { config: parseConfig(text, rel, { baseDir: path.dirname(abs) }), source: rel };
  }
  const text = await fetchConfigText(opts.gh, opts.repo, rel, opts.ref ?? undefined);
  if (text !== null) {
    const at = opts.ref ? `@${opts.ref}` : '';
    // Relative `extends` files cannot be read without a checkout: parseConfig reports them.
    return {
      config: parseConfig(text, rel, { readFile: () => undefined }),
      source: `api:${rel}${at}`,
    };
  }
  return {
    config: defaultConfig(),
    source: 'preset:recommended',
    notice: `No config file at ${rel} (workspace or repository): running the recommended preset. Roles have no members until you add ${rel}.`,
  };
}
