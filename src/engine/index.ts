// Public API of the ownership engine: pure functions over IssueFacts and ResolvedConfig.
export { classify, compileClassifier } from './classify.js';
export type { Classification, Classifier } from './classify.js';
export { parseDirectives } from './waivers.js';
export { Linter, lint } from './linter.js';
export { createMembership } from './membership.js';
export type { Membership, MembershipStatus } from '../types.js';
export { explainIssue, renderExplanation } from './explain.js';
export type { Explanation, ExplainedSignal } from './explain.js';
