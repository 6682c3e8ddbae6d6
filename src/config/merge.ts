// Merges layers (presets and files from `extends`, then the config file) into a
// ResolvedConfig. Later layers win, key by key:
//   roles    per role; `members`, `label`, `default-assignee` each replaced when given
//            (`label: null` / `default-assignee: null` clear them); roles cannot be removed.
//   types    per type; each field replaced when given (lists are replaced, not appended, so a
//            config can narrow a preset's labels or words); `name: null` removes the type.
//   rules    per rule id; severity replaced; options merged key by key over earlier layers,
//            then the rule's own defaults fill the rest. A bare severity keeps earlier options.
//   ignore   labels, authors, issues and issue-types appended across layers, duplicates dropped.
// Each value remembers the layer and path it came from, so checks that need the merged
// result (is a type's owner a defined role?) can still point at the line that set it.
import { RULES } from '../rules/index.js';
import type {
  ResolvedConfig,
  RoleConfig,
  RuleId,
  RuleSetting,
  Severity,
  TypeConfig,
} from '../types.js';
import type { RawRole, RawRuleEntry, RawType } from './file-schema.js';
import type { Layer } from './layer.js';
import type { Path } from './yaml-source.js';

export interface Origin {
  layer: Layer;
  path: Path;
}

/** A type while merging: its owner may still be missing (checked afterwards). */
export type DraftType = Omit<TypeConfig, 'owner'> & { owner: string | null };

export interface Merged {
  roles: Map<string, RoleConfig>;
  types: Map<string, DraftType>;
  rules: Map<RuleId, { severity: Severity | null; options: Record<string, unknown> }>;
  ignore: ResolvedConfig['ignore'];
  extends: string[];
  /** Where each merged value was last set, keyed by `originKey(path)`. */
  origins: Map<string, Origin>;
}

export const originKey = (path: Path): string => JSON.stringify(path);

export function mergeLayers(layers: readonly Layer[]): Merged {
  const merged: Merged = {
    roles: new Map(),
    types: new Map(),
    rules: new Map(),
    ignore: { labels: [], authors: [], issues: [], issueTypes: [] },
    extends: layers.flatMap((layer) => (layer.label === null ? [] : [layer.label])),
    origins: new Map(),
  };
  for (const layer of layers) {
    const note = (path: Path): void => void merged.origins.set(originKey(path), { layer, path });
    for (const [name, role] of Object.entries(layer.raw.roles ?? {})) {
      mergeRole(merged, name, role ?? {}, note);
    }
    for (const [name, type] of Object.entries(layer.raw.types ?? {})) {
      mergeType(merged, name, type, note);
    }
    for (const [id, entry] of Object.entries(layer.raw.rules ?? {})) {
      if (entry !== undefined) mergeRule(merged, id as RuleId, entry as RawRuleEntry, note);
    }
    const ignore = layer.raw.ignore ?? {};
    appendUnique(merged.ignore.labels, ignore.labels ?? [], (s) => s.toLowerCase());
    appendUnique(merged.ignore.authors, ignore.authors ?? [], (s) => s.toLowerCase());
    appendUnique(merged.ignore.issues, ignore.issues ?? [], (n) => n);
    appendUnique(merged.ignore.issueTypes ?? [], ignore['issue-types'] ?? [], (s) =>
      s.trim().toLowerCase(),
    );
  }
  return merged;
}

type Note = (path: Path) => void;

function mergeRole(merged: Merged, name: string, role: RawRole, note: Note): void {
  const current = merged.roles.get(name) ?? { members: [], label: null, defaultAssignee: null };
  if (role.members !== undefined) current.members = [...role.members];
  if (role.label !== undefined) current.label = role.label;
  if (role['default-assignee'] !== undefined) {
    current.defaultAssignee = role['default-assignee'];
    note(['roles', name, 'default-assignee']);
  }
  merged.roles.set(name, current);
}

function mergeType(merged: Merged, name: string, type: RawType | null, note: Note): void {
  if (type === null) {
    merged.types.delete(name);
    return;
  }
  let current = merged.types.get(name);
  if (!current) {
    current = { owner: null, labels: [], titlePrefixes: [], issueTypes: [] };
    merged.types.set(name, current);
    note(['types', name]);
  }
  if (type.owner !== undefined) {
    current.owner = type.owner;
    note(['types', name, 'owner']);
  }
  if (type.labels !== undefined) current.labels = [...type.labels];
  if (type['title-prefixes'] !== undefined) current.titlePrefixes = [...type['title-prefixes']];
  if (type['issue-types'] !== undefined) current.issueTypes = [...type['issue-types']];
  if (type.words !== undefined) current.words = [...type.words];
  if (type.synonyms !== undefined) current.synonyms = [...type.synonyms];
  if (type.description !== undefined) current.description = type.description;
}

function mergeRule(merged: Merged, id: RuleId, entry: RawRuleEntry, note: Note): void {
  const current = merged.rules.get(id) ?? { severity: null, options: {} };
  const [severity, options] = Array.isArray(entry) ? entry : [entry];
  current.severity = severity as Severity;
  for (const [key, value] of Object.entries(options ?? {})) {
    current.options[key] = structuredClone(value);
    note(['rules', id, 1, key]);
  }
  merged.rules.set(id, current);
}

function appendUnique<T>(into: T[], values: readonly T[], identity: (v: T) => unknown): void {
  const seen = new Set(into.map(identity));
  for (const value of values) {
    if (!seen.has(identity(value))) {
      seen.add(identity(value));
      into.push(value);
    }
  }
}

/**
 * The ResolvedConfig of a merge: every rule present (severity from the layers, else the rule's
 * default; options through the rule's schema so its defaults apply). Call after the checks:
 * types without an owner are expected to have been reported.
 */
export function toResolvedConfig(merged: Merged): ResolvedConfig {
  const rules = {} as Record<RuleId, RuleSetting>;
  for (const rule of RULES) {
    const setting = merged.rules.get(rule.id);
    rules[rule.id] = {
      severity: setting?.severity ?? rule.defaultSeverity,
      options: rule.options.parse(setting?.options ?? {}) as Record<string, unknown>,
    };
  }
  const types: Record<string, TypeConfig> = {};
  for (const [name, type] of merged.types) {
    if (type.owner !== null) types[name] = { ...type, owner: type.owner };
  }
  return {
    version: 1,
    extends: [...merged.extends],
    roles: Object.fromEntries(merged.roles),
    types,
    rules,
    ignore: merged.ignore,
  };
}
