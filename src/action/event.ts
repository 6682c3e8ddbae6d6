// Reads the triggering event the way the runner provides it (GITHUB_EVENT_NAME / _PATH).
import { errorMessage } from '../github/errors.js';
import { existsSync, readFileSync } from 'node:fs';
import type { EnvVars } from './environment.js';
import type { EventInfo } from './route.js';

export function readEvent(env: EnvVars): EventInfo {
  let payload: Record<string, unknown> = {};
  const file = env.GITHUB_EVENT_PATH;
  if (file) {
    // The runner always writes this file: its absence means the environment is not a
    // runner's (or the path is wrong), not an event without a payload.
    if (!existsSync(file)) {
      throw new Error(
        `The event payload file GITHUB_EVENT_PATH=${file} does not exist: run the action in a GitHub Actions job (or point GITHUB_EVENT_PATH at the event's JSON).`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`Could not parse the event payload ${file}: ${errorMessage(err)}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(
        `The event payload ${file} is not a JSON object (it holds ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`}); the runner writes the event as an object.`,
      );
    }
    payload = parsed as Record<string, unknown>;
  }
  const attempt = Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '1', 10);
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    runAttempt: Number.isFinite(attempt) ? attempt : 1,
  };
}
