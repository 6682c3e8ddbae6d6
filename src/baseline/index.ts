// Baselines (the ratchet): accept today's findings, fail only on new ones, shrink as they are fixed.
export { applyBaseline, countLevels, type BaselineOutcome, type BaselineScope } from './apply.js';
export {
  BASELINE_VERSION,
  BaselineError,
  baselineOf,
  formatBaseline,
  parseBaseline,
  type Baseline,
} from './file.js';
export {
  BACKLOG_RULES,
  compareIdentities,
  IdentitySet,
  identityOf,
  matchKey,
  subjectOf,
  type FindingIdentity,
} from './key.js';
