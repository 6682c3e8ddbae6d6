// One config file (the user's, an extended file or a preset) parsed and validated on its own.
// Invalid entries are reported and then dropped, so the rest of the file can still be checked
// and merged: one run lists every problem instead of one per attempt.
import type * as z from 'zod/mini';
import { RULES_BY_ID } from '../rules/index.js';
import type { ConfigProblem, RuleId } from '../types.js';
import { configFileSchema, presetFileSchema, type RawConfig } from './file-schema.js';
import { globProblems } from './globs.js';
import { nearestKeyPath, valueAt, type PathProblem } from './path-problem.js';
import { ruleEntryProblems } from './rule-entries.js';
import { YamlSource, type Path } from './yaml-source.js';
import { problemsFromIssue } from './zod-problems.js';

export interface Layer {
  /** File name used in problems: as given for the config, `rules/<name>.yml` for presets. */
  file: string;
  /** Its name in `ResolvedConfig.extends`; null for the config file itself. */
  label: string | null;
  /** Directory that relative `extends` entries are resolved against. */
  dir: string;
  /** The file's data after validation, invalid entries removed. */
  raw: RawConfig;
  source: YamlSource;
  /** Data paths removed as invalid: later checks stay quiet about them. */
  pruned: Path[];
}

export interface LayerSpec {
  text: string;
  file: string;
  label: string | null;
  dir: string;
  kind: 'config' | 'preset';
}

/** A layer, or null when the YAML itself is unreadable; plus every problem found. */
export function parseLayer(spec: LayerSpec): { layer: Layer | null; problems: ConfigProblem[] } {
  const source = YamlSource.parse(spec.text);
  return layerOf(spec, source);
}

/**
 * A preset whose data was already parsed at build time (dist/presets.json): the YAML is
 * parsed only if a position is ever asked for, which a valid preset never needs. This keeps
 * the yaml parser off the action's cold start. `validatedAtBuild`: the build ran this
 * function over the data (scripts/check-presets.ts fails it otherwise), so a start does not
 * run the schema over it again.
 */
export function presetLayerFromData(
  spec: LayerSpec,
  data: unknown,
  opts: { validatedAtBuild?: boolean } = {},
): { layer: Layer | null; problems: ConfigProblem[] } {
  let parsed: YamlSource | undefined;
  const source = () => (parsed ??= YamlSource.parse(spec.text));
  let raw = data as RawConfig;
  let pruned: Layer['pruned'] = [];
  if (!opts.validatedAtBuild) {
    const checked = validate(data, presetFileSchema());
    if (checked.found.length > 0) return layerOf(spec, source()); // report with positions
    ({ raw, pruned } = checked);
  }
  const layer = { ...spec, raw, pruned } as Omit<Layer, 'source'>;
  Object.defineProperty(layer, 'source', { get: source, enumerable: true });
  return { layer: layer as Layer, problems: [] };
}

function layerOf(
  spec: LayerSpec,
  source: YamlSource,
): { layer: Layer | null; problems: ConfigProblem[] } {
  const syntax = source.syntaxProblems();
  if (syntax.length > 0) {
    const problems = syntax.map((p) => ({
      file: spec.file,
      ...p.position,
      message: p.message,
      hint: p.hint,
    }));
    return { layer: null, problems };
  }
  let data: unknown;
  try {
    data = source.toData();
  } catch (error) {
    // e.g. an alias expanding beyond yaml's limit
    const message = `YAML could not be read: ${error instanceof Error ? error.message : String(error)}`;
    const hint = 'simplify anchors and aliases';
    return { layer: null, problems: [{ file: spec.file, line: 1, column: 1, message, hint }] };
  }
  const schema = spec.kind === 'preset' ? presetFileSchema() : configFileSchema();
  const { raw, found, pruned } = validate(data, schema);
  const problems = found.map((p) => ({
    file: spec.file,
    ...source.positionOf(p.path, p.at),
    message: p.message,
    hint: p.hint,
  }));
  return { layer: { ...spec, raw, source, pruned }, problems };
}

function validate(
  input: unknown,
  schema: z.ZodMiniType,
): { raw: RawConfig; found: PathProblem[]; pruned: Path[] } {
  let data = input;
  const found: PathProblem[] = [];
  const pruned: Path[] = [];
  const drop = (problems: PathProblem[]): void => {
    const paths = problems.map((p) => nearestKeyPath(p.path, data));
    found.push(...problems);
    pruned.push(...paths);
    for (const path of paths) data = removeAt(data, path);
  };
  // Dropping an entry can only remove issues, so this settles within a few rounds.
  for (let round = 0; round < 5; round++) {
    const issues = (schema.safeParse(data).error?.issues ?? []).filter((i) => !isRuleEntry(i.path));
    if (issues.length === 0) break;
    drop(issues.flatMap((issue) => problemsFromIssue(issue, schema, data)));
  }
  drop(ruleEntryProblems(valueAt(data, ['rules'])));
  drop(globProblems(data as Record<string, unknown>));
  if (!schema.safeParse(data).success) {
    throw new Error('backlog-lint bug: config validation did not settle after dropping entries');
  }
  return { raw: data as RawConfig, found, pruned };
}

/** Entries of known rules are checked by rule-entries.ts, with better messages. */
function isRuleEntry(path: readonly PropertyKey[]): boolean {
  return path[0] === 'rules' && path.length >= 2 && RULES_BY_ID.has(path[1] as RuleId);
}

function removeAt(data: unknown, path: Path): unknown {
  if (path.length === 0) return {};
  const parent = valueAt(data, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') {
    delete (parent as Record<string | number, unknown>)[path[path.length - 1]!];
  }
  return data;
}
