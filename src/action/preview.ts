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
import { defaultConfig } from '../config/index.js';
import { Linter } from '../engine/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';
import {
  backlogPages,
  changedFilesAmong,
  fetchPullRequest,
  isOwnReportIssue,
  errorMessage,
} from '../github/index.js';
import { compareConfigs, type ConfigPreview } from '../preview/index.js';
import { REPORT_MARKER } from '../report/index.js';
import type { IssueFacts, Level, ResolvedConfig } from '../types.js';
import { fetchCapped, parseFromApi, type ConfigLoad } from './config-source.js';

/** The files whose change calls for a preview: the config and the files it extends. */
export function watchedFiles(configRel: string, base: ConfigLoad): Set<string> {
  const files = new Set([configRel]);
  for (const ref of base.config.extends) {
    if (isFileReference(ref)) files.add(path.posix.normalize(ref.split(path.sep).join('/')));
  }
  return files;
}

/**
 * The head config: the file at the head commit, with the files it `extends` read at the same
 * commit, through the contents API under the rules of any config (src/config/workspace-file.ts:
 * nothing outside the repository, nothing under .git/, no absolute path, at most 1 MiB each;
 * config-source.ts). Missing at the head (the pull request deletes it): the recommended
 * preset, as for a repository without config. Throws ConfigError.
 */
export async function loadHeadConfig(opts: {
  gh: GitHubClient;
  repo: RepoRef;
  /** The workspace the paths are checked against (nothing is read from it). */
  workspace: string;
  configRel: string;
  headSha: string;
}): Promise<ConfigLoad> {
  const { configRel, headSha } = opts;
  const api = { ...opts, ref: headSha };
  const text = await fetchCapped(api, configRel);
  if (text === null) {
    return { config: defaultConfig(), source: `preset:recommended (${configRel} deleted)` };
  }
  return {
    config: await parseFromApi(api, configRel, text),
    source: `api:${configRel}@${headSha.slice(0, 7)}`,
  };
}

/** Whether the pull request changes a watched file; if so the head config (or ConfigError). */
export async function planPreview(opts: {
  gh: GitHubClient;
  repo: RepoRef;
  number: number;
  headSha: string | null;
  workspace: string;
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
  /** The `report-issue` title, when set: the own report issue is not linted, as in backlog mode. */
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
    // As in backlog mode (collect.ts): only the action's own report issue is set apart; a
    // look-alike someone else wrote is linted like any other issue.
    const own = new Set<IssueFacts>();
    const title = opts.reportIssueTitle;
    const inspect = title
      ? (facts: IssueFacts, raw: { viewerDidAuthor?: unknown; body?: unknown }) => {
          if (isOwnReportIssue({ ...raw, title: facts.title }, title, REPORT_MARKER)) {
            own.add(facts);
          }
        }
      : undefined;
    for await (const page of backlogPages(opts.gh, opts.repo, inspect)) {
      pages++;
      seen += page.length;
      const batch = own.size > 0 ? page.filter((i) => !own.has(i)) : page;
      baseLinter.add(batch);
      headLinter.add(batch);
    }
    opts.log(
      `Config preview: read ${seen} open issues in ${pages} page(s), linted with both configs.`,
    );
  } catch (err) {
    complete = false;
    incompleteReason = `Reading the backlog for the config preview failed after ${pages} page(s) (${seen} issues): ${errorMessage(err)}`;
  }
  const preview = compareConfigs(
    { source: opts.base.source, config: opts.base.config, result: baseLinter.finish() },
    { source: opts.head.source, config: opts.head.config, result: headLinter.finish() },
    { threshold: opts.threshold },
  );
  return { preview, complete, ...(incompleteReason !== undefined && { incompleteReason }) };
}
