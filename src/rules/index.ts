// Registry of every rule, in SPEC order.
import type { RuleId } from '../types.js';
import { handoffRequired } from './handoff-required.js';
import { milestoneRequired } from './milestone-required.js';
import { ownerCapacity } from './owner-capacity.js';
import { ownerLabel } from './owner-label.js';
import { ownerRequired } from './owner-required.js';
import { ownerRole } from './owner-role.js';
import { ownerUnknown } from './owner-unknown.js';
import type { RuleModule } from './rule.js';
import { singleOwner } from './single-owner.js';
import { typeAmbiguous } from './type-ambiguous.js';
import { typeRequired } from './type-required.js';

export const RULES: readonly RuleModule[] = [
  typeRequired,
  typeAmbiguous,
  ownerRequired,
  ownerRole,
  ownerUnknown,
  ownerLabel,
  singleOwner,
  milestoneRequired,
  ownerCapacity,
  handoffRequired,
] as RuleModule[];

export const RULES_BY_ID: ReadonlyMap<RuleId, RuleModule> = new Map(RULES.map((r) => [r.id, r]));

const IDS = Object.freeze(RULES.map((r) => r.id)) as readonly RuleId[] as readonly [
  RuleId,
  ...RuleId[],
];

/** Every rule id, in registry (SPEC) order; non-empty, as `z.enum` wants it. */
export function ruleIds(): readonly [RuleId, ...RuleId[]] {
  return IDS;
}
