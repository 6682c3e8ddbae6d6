// Entry points of config loading: a config file's text (or path) or a preset name in, a
// ResolvedConfig out, or one ConfigError listing every problem found.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type ConfigProblem, type ResolvedConfig } from '../types.js';
import { crossCheckProblems, type PlacedProblem } from './cross-checks.js';
import { ExtendsResolver, type ReadFile } from './extends.js';
import { parseLayer } from './layer.js';
import { mergeLayers, toResolvedConfig } from './merge.js';
import { suggest } from './did-you-mean.js';
import { pathsOverlap } from './path-problem.js';
import { PRESET_NAMES } from './presets.js';
import { MAX_WORKSPACE_FILE_BYTES } from './workspace-file.js';

export interface ParseConfigOptions {
  /** Directory relative `extends` files are resolved against (default: the file's directory). */
  baseDir?: string;
  /** Reads an extended file; undefined when it does not exist (default: from disk). */
  readFile?: ReadFile;
}

/** What a config file gets when it has no `extends` key (SPEC example: `extends: recommended`). */
const IMPLICIT_EXTENDS = ['recommended'];

export function parseConfig(
  text: string,
  file: string,
  opts: ParseConfigOptions = {},
): ResolvedConfig {
  const dir = opts.baseDir ?? path.dirname(path.resolve(file));
  const resolver = new ExtendsResolver(opts.readFile ?? readFileIfExists);
  const { layer, problems } = parseLayer({ text, file, label: null, dir, kind: 'config' });
  if (layer) resolver.add(layer, path.resolve(dir, path.basename(file)), IMPLICIT_EXTENDS);
  else resolver.complete = false;
  return finish(resolver, problems, file);
}

export function loadConfigFile(file: string): ResolvedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([
      {
        file,
        line: 1,
        column: 1,
        message: `cannot read config file: ${reason}`,
        hint: 'check the path given as `config-path` (action) or `--config` (CLI)',
      },
    ]);
  }
  return parseConfig(text, file);
}

const presetCache = new Map<string, ResolvedConfig>();

/** A built-in preset alone, as `extends: <name>` with nothing else would give. */
export function loadPreset(name: string): ResolvedConfig {
  if (!PRESET_NAMES.includes(name)) {
    throw new Error(
      `unknown preset \`${name}\`: ${suggest(name, PRESET_NAMES, 'available presets')}`,
    );
  }
  let config = presetCache.get(name);
  if (!config) {
    const resolver = new ExtendsResolver(readFileIfExists);
    resolver.addPresetByName(name);
    config = finish(resolver, [], `rules/${name}.yml`);
    presetCache.set(name, config);
  }
  // Callers own their copy: the cached one must stay as loaded.
  return structuredClone(config);
}

/** The `recommended` preset alone: what runs when there is no config file. */
export function defaultConfig(): ResolvedConfig {
  return loadPreset('recommended');
}

function finish(resolver: ExtendsResolver, earlier: ConfigProblem[], file: string): ResolvedConfig {
  const merged = mergeLayers(resolver.layers);
  const problems = [...earlier, ...resolver.problems];
  // With a layer missing, "role not defined" and the like would only be echoes of that.
  if (resolver.complete) {
    const pruned = resolver.layers.flatMap((layer) => layer.pruned);
    for (const problem of crossCheckProblems(merged)) {
      if (!pruned.some((p) => pathsOverlap(p, problem.subject))) problems.push(place(problem));
    }
  }
  if (problems.length > 0) throw new ConfigError(ordered(problems, file));
  return toResolvedConfig(merged);
}

function place({ origin, at, message, hint }: PlacedProblem): ConfigProblem {
  const { layer, path: dataPath } = origin;
  return { file: layer.file, ...layer.source.positionOf(dataPath, at), message, hint };
}

/** The config file's problems first, then other files' in order of appearance; by position. */
function ordered(problems: ConfigProblem[], file: string): ConfigProblem[] {
  const unique = [...new Map(problems.map((p) => [JSON.stringify(p), p])).values()];
  const files = [file, ...unique.map((p) => p.file)].filter((f, i, all) => all.indexOf(f) === i);
  return unique.sort(
    (a, b) =>
      files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** The CLI's reader: any path the user names, but only regular files up to the size cap. */
function readFileIfExists(absPath: string, ref: string): ReturnType<ReadFile> {
  let st;
  try {
    st = statSync(absPath);
  } catch {
    return undefined;
  }
  if (!st.isFile())
    return {
      problem: `extended file \`${ref}\` is not a regular file`,
      hint: 'point it at a YAML file',
    };
  if (st.size > MAX_WORKSPACE_FILE_BYTES)
    return {
      problem: `extended file \`${ref}\` is ${st.size} bytes; files larger than ${MAX_WORKSPACE_FILE_BYTES} bytes are not read`,
      hint: 'keep config files small',
    };
  try {
    return readFileSync(absPath, 'utf8');
  } catch {
    return undefined;
  }
}
