// Builders for engine tests: a ResolvedConfig built directly (the config loader is tested
// on its own), issues with sensible defaults, and small accessors over results.
import { lint } from '../../src/engine/index.js';
import { RULES } from '../../src/rules/index.js';
import type {
  EngineOptions,
  IssueFacts,
  LintResult,
  ResolvedConfig,
  RoleConfig,
  RuleId,
  RuleSetting,
  Severity,
  TypeConfig,
} from '../../src/types.js';

export const TODAY = '2026-06-15';

/** Every rule at its default severity with its zod option defaults. */
export function defaultRuleSettings(): Record<RuleId, RuleSetting> {
  return Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      {
        severity: rule.defaultSeverity,
        options: rule.options.parse({}) as Record<string, unknown>,
      },
    ]),
  ) as Record<RuleId, RuleSetting>;
}

export function role(members: string[], extra: Partial<RoleConfig> = {}): RoleConfig {
  return { members, label: null, defaultAssignee: null, ...extra };
}

export function type(owner: string, extra: Partial<TypeConfig> = {}): TypeConfig {
  return { owner, labels: [], titlePrefixes: [], issueTypes: [], ...extra };
}

export interface ConfigOverrides {
  roles?: Record<string, RoleConfig>;
  types?: Record<string, TypeConfig>;
  /** Severity, or severity plus options (parsed by the rule's schema like the loader does). */
  rules?: Partial<Record<RuleId, Severity | [Severity, Record<string, unknown>]>>;
  ignore?: Partial<ResolvedConfig['ignore']>;
}

/**
 * product: alice, Dora (label "owner: product"); project: bob, carol (label "owner: project").
 * Types: feature and roadmap (product), budget and risk (project).
 */
export function makeConfig(overrides: ConfigOverrides = {}): ResolvedConfig {
  const rules = defaultRuleSettings();
  for (const [id, value] of Object.entries(overrides.rules ?? {})) {
    const rule = RULES.find((r) => r.id === id);
    if (!rule || value === undefined) throw new Error(`no rule ${id}`);
    const [severity, options] = Array.isArray(value) ? value : [value, {}];
    rules[rule.id] = { severity, options: rule.options.parse(options) as Record<string, unknown> };
  }
  return {
    version: 1,
    extends: [],
    roles: overrides.roles ?? {
      product: role(['alice', 'Dora'], { label: 'owner: product' }),
      project: role(['bob', 'carol'], { label: 'owner: project' }),
    },
    types: overrides.types ?? {
      feature: type('product', {
        labels: ['feature', 'enhancement', '✨ feature'],
        titlePrefixes: ['[Feature]'],
        issueTypes: ['Feature'],
      }),
      roadmap: type('product', { labels: ['roadmap'], titlePrefixes: ['[Roadmap]'] }),
      budget: type('project', {
        labels: ['budget', 'type: budget', 'cost*'],
        titlePrefixes: ['[Budget]'],
        issueTypes: ['Budget'],
      }),
      risk: type('project', { labels: ['risk', '⚠️ risk'] }),
    },
    rules,
    ignore: { labels: [], authors: [], issues: [], ...overrides.ignore },
  };
}

/** Every rule off except the ones given (at their default severity unless stated). */
export function onlyRules(
  ids: RuleId[],
  overrides: Omit<ConfigOverrides, 'rules'> & { rules?: ConfigOverrides['rules'] } = {},
): ResolvedConfig {
  const rules: NonNullable<ConfigOverrides['rules']> = {};
  for (const rule of RULES) rules[rule.id] = ids.includes(rule.id) ? rule.defaultSeverity : 'off';
  return makeConfig({ ...overrides, rules: { ...rules, ...overrides.rules } });
}

let nextNumber = 1000;

/** An open, unlabelled, unassigned issue without milestone; override what the test needs. */
export function issue(facts: Partial<IssueFacts> = {}): IssueFacts {
  const number = facts.number ?? nextNumber++;
  return {
    number,
    title: `Issue ${number}`,
    url: `https://github.com/acme/app/issues/${number}`,
    state: 'open',
    labels: [],
    assignees: [],
    author: 'someone',
    milestone: null,
    issueType: null,
    directives: [],
    ...facts,
  };
}

export function options(config: ResolvedConfig, extra: Partial<EngineOptions> = {}): EngineOptions {
  return { config, today: TODAY, scope: 'issue', ...extra };
}

export function lintOne(
  facts: Partial<IssueFacts>,
  config: ResolvedConfig = makeConfig(),
  extra: Partial<EngineOptions> = {},
): LintResult {
  return lint([issue(facts)], options(config, extra));
}

export function messagesOf(result: LintResult, rule: RuleId): string[] {
  return result.findings.filter((f) => f.rule === rule).map((f) => f.message);
}

export function rulesOf(result: LintResult): RuleId[] {
  return result.findings.map((f) => f.rule);
}
