// What the run must know before it lints anything: the pull request behind a number, the
// config, the baseline and a pull request's config change. Any problem here stops the run
// before a single write (`RunStopped`, reported by src/action/reporters.ts).
import { BaselineError } from '../baseline/index.js';
import { workspacePath } from '../config/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';
import { errorMessage, fetchPullRequest, httpStatus } from '../github/index.js';
import { ConfigError } from '../types.js';
import type { ConfigLoad } from './config-source.js';
import { loadActionBaseline, loadActionConfig } from './config-source.js';
import type { ActionInputs } from './inputs.js';
import type { planPreview } from './preview.js';
import type { Route } from './route.js';
import type { Env } from './environment.js';
import type { AnnotationBudget } from './annotation-budget.js';

/** The run stops here: a config or baseline error (with its problems), or a plain reason. */
export class RunStopped extends Error {
  constructor(
    readonly reason: ConfigError | BaselineError | string,
    /** Whose config (`' of this pull request'`), for a config error. */
    readonly whose = '',
  ) {
    super(typeof reason === 'string' ? reason : reason.message);
    this.name = 'RunStopped';
  }
}

/**
 * A pull request known only by number (comment event, issue-number, re-run): its body (issue
 * references) and base branch (where the config is read) come from the API.
 */
export async function completeRoute(gh: GitHubClient, repo: RepoRef, route: Route): Promise<Route> {
  if (route.mode !== 'pull-request' || (route.body !== null && route.baseRef !== null))
    return route;
  try {
    const pr = await fetchPullRequest(gh, repo, route.number);
    return { ...route, body: pr.body ?? '', baseRef: pr.baseRef, headSha: pr.headSha };
  } catch (err) {
    throw new RunStopped(
      `Could not read pull request #${route.number} of ${repo.owner}/${repo.repo}: ${errorMessage(err)}`,
    );
  }
}

export interface Setup {
  loaded: ConfigLoad;
  baseline: Awaited<ReturnType<typeof loadActionBaseline>> | null;
  /** A pull request that changes the config: its head config, validated, to preview. */
  plan: Awaited<ReturnType<typeof planPreview>>;
}

/** The config, the baseline and a pull request's config change, in that order. */
export async function readSetup(o: {
  gh: GitHubClient;
  env: Env;
  inputs: ActionInputs;
  route: Route;
  budget: AnnotationBudget;
  info: (message: string) => void;
}): Promise<Setup> {
  const { gh, env, inputs, route, budget } = o;
  const repo = env.repository;
  // Where the config and the baseline are read: the workspace, else the API; on pull
  // requests always the base branch through the API.
  const repoFiles = {
    workspace: env.workspace,
    gh,
    repo,
    ref: route.mode === 'pull-request' ? route.baseRef : null,
    pullRequest: route.mode === 'pull-request',
  };

  // Config: an error stops everything before any write.
  let loaded: ConfigLoad;
  try {
    loaded = await loadActionConfig({ configPath: inputs.configPath, ...repoFiles });
  } catch (err) {
    if (err instanceof ConfigError) throw new RunStopped(err);
    throw new RunStopped(`Could not read the config: ${errorMessage(err)}`);
  }
  if (loaded.notice) budget.annotate('notice', loaded.notice, { title: 'backlog-lint config' });

  // The baseline: read like the config (same place, same ref); a bad one stops the run.
  let baseline: Setup['baseline'] = null;
  if (inputs.baseline) {
    try {
      baseline = await loadActionBaseline({ baselinePath: inputs.baseline, ...repoFiles });
    } catch (err) {
      if (err instanceof BaselineError) throw new RunStopped(err);
      throw new RunStopped(`Could not read the baseline: ${errorMessage(err)}`);
    }
  }

  // A pull request that changes the config: its head config is validated now, before
  // anything is written, and the backlog is previewed with both configs later.
  let plan: Setup['plan'] = null;
  if (route.mode === 'pull-request') {
    // The preview's code (src/action/preview.ts) is loaded by the runs that may need it.
    const { planPreview } = await import('./preview.js');
    try {
      plan = await planPreview({
        gh,
        repo,
        number: route.number,
        headSha: route.headSha,
        workspace: env.workspace,
        // Checked by loadActionConfig above: inside the repository.
        configRel: workspacePath(env.workspace, inputs.configPath).rel,
        base: loaded,
      });
    } catch (err) {
      if (httpStatus(err) === 403 && !(err instanceof ConfigError)) {
        // Not a fault: the token cannot read the PR's files (pull-requests: read); the
        // linked issues are still linted, without the preview.
        budget.annotate(
          'warning',
          `The token cannot read the files of pull request #${route.number} (HTTP 403), so a config change cannot be previewed; grant \`pull-requests: read\` (or write) to preview config changes.`,
          { title: 'backlog-lint config preview' },
        );
      } else if (err instanceof ConfigError) {
        throw new RunStopped(err, ' of this pull request');
      } else {
        throw new RunStopped(
          `Could not read the config change of pull request #${route.number}: ${errorMessage(err)}`,
        );
      }
    }
    if (plan)
      o.info(
        `This pull request changes ${plan.changed.join(', ')}: previewing the change on the open backlog.`,
      );
  }
  return { loaded, baseline, plan };
}
