// Reads the triggering event the way the runner provides it (GITHUB_EVENT_NAME / _PATH).
import { existsSync, readFileSync } from 'node:fs';
import type { EventInfo } from './route.js';

export function readEvent(env: NodeJS.ProcessEnv = process.env): EventInfo {
  let payload: Record<string, unknown> = {};
  const file = env.GITHUB_EVENT_PATH;
  if (file && existsSync(file)) {
    try {
      payload = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new Error(
        `Could not parse the event payload ${file}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  const attempt = Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '1', 10);
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    runAttempt: Number.isFinite(attempt) ? attempt : 1,
  };
}
