// The run's start: inputs, environment and event, the route, the GitHub client, and on issue
// events the sticky comment's lookup (the run's first request) sent. Only what that request
// needs is imported here: in the bundle this is the entry chunk (dist/index.js), and the rest
// of the run (src/action/lint-and-report.ts, a chunk of its own) is compiled and evaluated
// while the lookup travels. So this module and its imports stay small: single modules, not
// the barrels (`../github/index.js` would bring every reader and writer along).
import { errorMessage } from '../github/errors.js';
import type { Clock } from '../github/clock.js';
import { createOctokit, type CreateOctokitOptions, type GitHubClient } from '../github/octokit.js';
import { redact } from '../github/redact.js';
import { AnnotationBudget } from './annotation-budget.js';
import { startCommentLookup, type PendingLookup } from './comment-lookup.js';
import { readEnv, type Env, type EnvVars } from './environment.js';
import { readEvent } from './event.js';
import { readInputs, type ActionInputs } from './inputs.js';
import type { ActionIo } from './io.js';
import { route as routeEvent, type Route } from './route.js';
import { clientTiming, type ClientTiming } from './timing.js';

export interface RunOptions {
  io: ActionIo;
  /** The step's environment (GITHUB_*, RUNNER_*): process.env in the action. */
  env: EnvVars;
  /** Time source of the run's date and of every wait of the GitHub client. */
  clock?: Clock;
  /** The GitHub client's timeouts and waits; default: BACKLOG_LINT_TEST_TIMING of `env`. */
  timing?: ClientTiming;
  createClient?: (options: CreateOctokitOptions) => GitHubClient;
}

/** A started run: what it learnt before its first request, and that request. */
export interface Started {
  io: ActionIo;
  budget: AnnotationBudget;
  inputs: ActionInputs;
  env: Env;
  /** The route as the event gives it (a pull request known by number is completed later). */
  route: Route;
  gh: GitHubClient;
  /** Issue events: the sticky comment's lookup, on the wire. */
  earlyLookup: PendingLookup;
}

/**
 * Starts the run; null when a bad input, environment or event stopped it (reported, before
 * any request).
 */
export async function startRun(opts: RunOptions): Promise<Started | null> {
  const { io } = opts;
  const budget = new AnnotationBudget(io);

  let inputs, env, route;
  try {
    inputs = readInputs((n) => io.getInput(n));
    env = readEnv(opts.env, new Date(opts.clock?.now() ?? Date.now()));
    route = routeEvent(inputs, readEvent(opts.env));
  } catch (err) {
    budget.fail(errorMessage(err));
    return null;
  }
  if (inputs.token) io.setSecret(inputs.token);
  io.info(`backlog-lint: ${route.mode} mode (${route.why}).`);

  const gh = (opts.createClient ?? createOctokit)({
    token: inputs.token,
    baseUrl: env.apiUrl,
    graphqlUrl: env.graphqlUrl,
    log: {
      debug: (m) => io.debug(redact(m)),
      info: (m) => io.info(redact(m)),
      warn: (m) => budget.annotate('warning', m),
    },
    ...(opts.timing ?? clientTiming(opts.env)),
    ...(opts.clock && { clock: opts.clock }),
    // node:http, not undici (src/github/http-fetch.ts), for every mode: an event makes a few
    // small requests, where loading undici costs more than the run; a backlog run pays
    // undici's per-request overhead on every page (cpu-page bench: ~1.4 ms of ~8.8 ms per
    // page). A proxied run still goes through undici (src/github/proxy.ts).
    transport: 'node-http' as const,
  });

  // Resolves once the lookup is written to its socket: the rest of the run loads meanwhile.
  const earlyLookup = await startCommentLookup(gh, env.repository, route, inputs);
  return { io, budget, inputs, env, route, gh, earlyLookup };
}
