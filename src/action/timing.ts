// Timing of the GitHub client, from BACKLOG_LINT_TEST_TIMING: the end-to-end tests run the
// built action against an emulator that hangs or fails on purpose, and must not wait real
// seconds for timeouts and back-offs (in process, tests hand run() its `timing` directly).
// A JSON object of numbers (ms unless named otherwise):
//   {"requestTimeoutMs":200,"totalTimeoutMs":5000,"serverErrorBackoffMs":1,"writeSpacingMs":0,"maxWaitSeconds":1,"waitScale":0}
// (`waitScale` 0: every wait is taken in clock time only, see src/github/clock.ts).
// Unknown keys and non-numbers are ignored; absent, the client's production defaults apply.
import type { CreateOctokitOptions } from '../github/index.js';
import type { EnvVars } from './environment.js';

const KEYS = [
  'requestTimeoutMs',
  'totalTimeoutMs',
  'serverErrorBackoffMs',
  'writeSpacingMs',
  'maxWaitSeconds',
  'waitScale',
] as const;

export type ClientTiming = Pick<CreateOctokitOptions, (typeof KEYS)[number]>;

export function clientTiming(env: EnvVars): ClientTiming {
  const raw = env.BACKLOG_LINT_TEST_TIMING;
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  const out: ClientTiming = {};
  if (!parsed || typeof parsed !== 'object') return out;
  for (const key of KEYS) {
    const v = (parsed as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = v;
  }
  return out;
}
