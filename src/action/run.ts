// The action's flow: inputs + event → config → issue source → engine → writes → reporters →
// outputs. The run starts (src/action/start.ts: inputs, environment, event, route, the GitHub
// client, an issue event's first request) and goes on in src/action/lint-and-report.ts. The
// process (io), its environment, the clock and the GitHub client are handed in: src/main.ts
// gives the real ones, tests/action/in-process.ts its own.
import { startRun, type RunOptions } from './start.js';

export type { RunOptions };

/** The step's failure message when run() itself throws (a bug). */
export function crashMessage(err: unknown): string {
  return `backlog-lint crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
}

export async function run(opts: RunOptions): Promise<void> {
  const started = await startRun(opts);
  if (!started) return;
  // A chunk of its own in dist/ (ncc splits at a dynamic import): an issue event compiles
  // and evaluates it while its first request travels, rather than before sending it.
  const { lintAndReport } = await import('./lint-and-report.js');
  await lintAndReport(started);
}
