// What the run learns from the runner's environment (GITHUB_*, RUNNER_TEMP): the repository,
// the API's addresses, the workspace, where report.json goes. Read from the environment it is
// given (process.env in the action, a test's own in process), at the time it is given.
import os from 'node:os';
import path from 'node:path';
import type { RepoRef } from '../github/index.js';

export type EnvVars = Readonly<Record<string, string | undefined>>;

export interface Env {
  repository: RepoRef;
  serverUrl: string;
  apiUrl: string;
  graphqlUrl: string;
  workspace: string;
  runUrl?: string;
  today: string;
  /** When the run happens (the trend's history records it). */
  now: Date;
  reportDir: string;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT (the incremental snapshot's cache key). */
  runId?: string;
  runAttempt: string;
  /** RUNNER_TEMP (or the OS's temporary folder). */
  runnerTemp: string;
  /** The runner gave the step an Actions cache service (v2 or v1 address). */
  cacheService: boolean;
}

export function readEnv(e: EnvVars, now: Date): Env {
  const full = e.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = full.split('/');
  if (!owner || !repo)
    throw new Error(
      'GITHUB_REPOSITORY is not set (owner/name): is this running in GitHub Actions?',
    );
  const serverUrl = (e.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
  const apiUrl = (e.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '');
  const runnerTemp = e.RUNNER_TEMP ?? os.tmpdir();
  return {
    repository: { owner, repo },
    serverUrl,
    apiUrl,
    graphqlUrl: (e.GITHUB_GRAPHQL_URL ?? `${apiUrl}/graphql`).replace(/\/$/, ''),
    workspace: e.GITHUB_WORKSPACE ?? process.cwd(),
    runUrl: e.GITHUB_RUN_ID ? `${serverUrl}/${full}/actions/runs/${e.GITHUB_RUN_ID}` : undefined,
    today: now.toISOString().slice(0, 10),
    now,
    reportDir: path.join(runnerTemp, 'backlog-lint'),
    runId: e.GITHUB_RUN_ID,
    runAttempt: e.GITHUB_RUN_ATTEMPT ?? '1',
    runnerTemp,
    cacheService: !!(e.ACTIONS_RESULTS_URL || e.ACTIONS_CACHE_URL),
  };
}
