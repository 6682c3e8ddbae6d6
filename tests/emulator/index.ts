// Public entry of the GitHub API emulator (see server.ts for usage).
export {
  Emulator,
  startEmulator,
  type EmulatorOptions,
  type GraphqlRecord,
  type RequestFilter,
  type RequestRecord,
  type ValidationError,
  type ValidationKind,
} from './server.js';
export {
  Faults,
  type Fault,
  type FaultContext,
  type FaultKind,
  type FaultSpec,
  type RequestMatch,
} from './faults.js';
export {
  Permissions,
  TOKEN_PRESETS,
  type Access,
  type TokenPreset,
  type TokenSpec,
} from './permissions.js';
export { RateLimits, type Resource } from './ratelimit.js';
export {
  EmuState,
  touchState,
  updateIssue,
  type EmuComment,
  type EmuIssue,
  type EmuIssueType,
  type EmuLabel,
  type EmuMilestone,
  type EmuOwner,
  type EmuRepo,
  type EmuTeam,
  type EmuUser,
  type IssueSpec,
  type PullRequestSpec,
  type RepoSpec,
  type SeedOptions,
  type SeedResult,
} from './state.js';
export { CacheService, type CacheCall, type CacheEntry } from './cache-service.js';
