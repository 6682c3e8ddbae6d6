// Pull-request mode, when the pull request changes the config (or a file it extends): the
// head config is read at the head commit through the contents API and only parsed (its
// problems are annotated on the changed file; nothing is written then), and the open
// backlog is read once and linted with both configs. The head config is never trusted for
// anything else: it resolves no team (the base config's teams are reused) and writes nothing.
//
// Requests: one page of the pull request's files (per 100 changed files, stopping at the first
// page naming a watched file); when a watched file changed, the head config and each file it
// extends (one each), plus the backlog pages (ceil(N/100)).
import path from 'node:path';
import { isFileReference } from '../config/extends.js';
import { defaultConfig, parseConfig } from '../config/index.js';
import { Linter } from '../engine/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';
import {
  backlogPages,
  changedFilesAmong,
  fetchConfigText,
  fetchPullRequest,
} from '../github/index.js';
import { compareConfigs, type ConfigPreview } from '../preview/index.js';
import { ConfigError, type Level, type ResolvedConfig } from '../types.js';
import type { ConfigLoad } from './config-source.js';

/** Extended files read for the head config, at most (a chain longer than this is a mistake). */
const MAX_EXTENDED_FILES = 10;
/** Stands for the repository's root when resolving the head config's relative `extends`. */
const REPO_ROOT = '/__repository__';

/** The files whose change calls for a preview: the config and the files it extends. */
export function watchedFiles(configRel: string, base: ConfigLoad): Set<string> {
  const files = new Set([configRel]);
  for (const ref of base.config.extends) {
    if (isFileReference(ref)) files.add(path.posix.normalize(ref.split(path.sep).join('/')));
  }
  return files;
}

/** The problems as a user reads them: repository paths, not the stand-in root. */
function withRepositoryPaths(err: ConfigError): ConfigError {
  return new ConfigError(
    err.problems.map((p) => ({ ...p, message: p.message.split(`${REPO_ROOT}/`).join('') })),
  );
}

/** A repository path for a path resolved under REPO_ROOT; null when it escapes the repository. */
function repoPath(abs: string): string | null {
  const rel = path.posix.relative(REPO_ROOT, abs);
  return rel === '' || rel.startsWith('..') || path.posix.isAbsolute(rel) ? null : rel;
}

/**
 * The head config: the file at the head commit, with the files it `extends` read at the same
 * commit (inside the repository only). Missing at the head (the pull request deletes it):
 * the recommended preset, as for a repository without config. Throws ConfigError.
 */
export async function loadHeadConfig(opts: {
  gh: GitHubClient;
  repo: RepoRef;
  configRel: string;
  headSha: string;
}): Promise<ConfigLoad> {
  const { gh, repo, configRel, headSha } = opts;
  const text = await fetchConfigText(gh, repo, configRel, headSha);
  const source = `api:${configRel}@${headSha.slice(0, 7)}`;
  if (text === null) {
    return { config: defaultConfig(), source: `preset:recommended (${configRel} deleted)` };
  }
  const extended = new Map<string, string | null>();
  for (;;) {
    const missing: string[] = [];
    const readFile = (abs: string): string | undefined => {
      const rel = repoPath(abs);
      if (rel === null) return undefined; // outside the repository: reported as unreadable
      if (!extended.has(rel)) {
        missing.push(rel);
        return undefined;
      }
      return extended.get(rel) ?? undefined;
    };
    try {
      const config = parseConfig(text, configRel, {
        baseDir: path.posix.dirname(path.posix.join(REPO_ROOT, configRel)),
        readFile,
      });
      return { config, source };
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      // Problems that only say "cannot read" an extended file not fetched yet: fetch, retry.
      if (missing.length === 0 || extended.size + missing.length > MAX_EXTENDED_FILES) {
        throw withRepositoryPaths(err);
      }
      for (const rel of missing) {
        extended.set(rel, await fetchConfigText(gh, repo, rel, headSha));
      }
    }
  }
}

/** Whether the pull request changes a watched file; if so the head config (or ConfigError). */
export async function planPreview(opts: {
  gh: GitHubClient;
  repo: RepoRef;
  number: number;
  headSha: string | null;
  configRel: string;
  base: ConfigLoad;
}): Promise<{ changed: string[]; head: ConfigLoad } | null> {
  const changed = await changedFilesAmong(
    opts.gh,
    opts.repo,
    opts.number,
    watchedFiles(opts.configRel, opts.base),
  );
  if (changed.length === 0) return null;
  const headSha = opts.headSha ?? (await fetchPullRequest(opts.gh, opts.repo, opts.number)).headSha;
  const head = await loadHeadConfig({ ...opts, headSha });
  return { changed, head };
}

/** Reads the open backlog once and lints it with both configs. */
export async function runPreview(opts: {
  gh: GitHubClient;
  repo: RepoRef;
  base: ConfigLoad;
  head: ConfigLoad;
  /** Resolved for the base config; the head config gets no team of its own. */
  teams: Record<string, string[]>;
  today: string;
  threshold: Level;
  /** The `report-issue` title, when set: that issue is not linted, as in backlog mode. */
  reportIssueTitle: string;
  log: (msg: string) => void;
}): Promise<{ preview: ConfigPreview; complete: boolean; incompleteReason?: string }> {
  const linter = (config: ResolvedConfig) =>
    new Linter({ config, teams: opts.teams, today: opts.today, scope: 'backlog' });
  const baseLinter = linter(opts.base.config);
  const headLinter = linter(opts.head.config);
  let pages = 0;
  let seen = 0;
  let complete = true;
  let incompleteReason: string | undefined;
  try {
    for await (const page of backlogPages(opts.gh, opts.repo)) {
      pages++;
      seen += page.length;
      const batch = opts.reportIssueTitle
        ? page.filter((i) => i.title !== opts.reportIssueTitle)
        : page;
      baseLinter.add(batch);
      headLinter.add(batch);
    }
    opts.log(
      `Config preview: read ${seen} open issues in ${pages} page(s), linted with both configs.`,
    );
  } catch (err) {
    complete = false;
    incompleteReason = `Reading the backlog for the config preview failed after ${pages} page(s) (${seen} issues): ${err instanceof Error ? err.message : String(err)}`;
  }
  const preview = compareConfigs(
    { source: opts.base.source, config: opts.base.config, result: baseLinter.finish() },
    { source: opts.head.source, config: opts.head.config, result: headLinter.finish() },
    { threshold: opts.threshold },
  );
  return { preview, complete, ...(incompleteReason !== undefined && { incompleteReason }) };
}
