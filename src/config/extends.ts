// Expands `extends` into the ordered list of layers to merge: every preset or file a layer
// extends comes first (depth first, in listed order), then the layer itself.
import path from 'node:path';
import type { ConfigProblem } from '../types.js';
import { suggest } from './did-you-mean.js';
import { parseLayer, type Layer } from './layer.js';
import { presetLayer, PRESET_NAMES } from './presets.js';
import type { Path } from './yaml-source.js';

/**
 * Reads an extended file: its text, undefined when it does not exist, or a problem (a path
 * the reader refuses: outside the workspace, too large, not a regular file). `ref` is the
 * entry as written.
 */
export type ReadFile = (
  absPath: string,
  ref: string,
) => string | undefined | { problem: string; hint: string };

export interface Resolution {
  layers: Layer[];
  problems: ConfigProblem[];
  /** False when some layer could not be loaded: cross-file checks would only mislead then. */
  complete: boolean;
}

/** `./base.yml`, `../shared/x.yaml`, `configs/base.yml` are files; `recommended` is a preset. */
export function isFileReference(ref: string): boolean {
  return ref.startsWith('.') || /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref);
}

export class ExtendsResolver {
  readonly layers: Layer[] = [];
  readonly problems: ConfigProblem[] = [];
  complete = true;
  /** Layers being expanded, to detect cycles: identity key and display name. */
  private readonly stack: { key: string; name: string }[] = [];

  constructor(private readonly readFile: ReadFile) {}

  /**
   * Adds what `layer` extends, then `layer`. `implicit` stands in for an absent `extends`
   * (the config file itself gets `recommended`; extended files get nothing).
   */
  add(layer: Layer, key: string, implicit: string[] = []): void {
    if (layer.pruned.some((p) => p[0] === 'extends')) this.complete = false;
    this.stack.push({ key, name: layer.label ?? layer.file });
    const written = layer.raw.extends;
    const refs = written === undefined ? implicit : Array.isArray(written) ? written : [written];
    refs.forEach((ref, i) => {
      const at: Path = Array.isArray(written) ? ['extends', i] : ['extends'];
      if (isFileReference(ref)) this.addFile(layer, ref, at);
      else this.addPreset(layer, ref, at);
    });
    this.stack.pop();
    this.layers.push(layer);
  }

  /** Adds a preset on its own, as `extends: <name>` would (for loadPreset). */
  addPresetByName(name: string): void {
    const { layer, problems } = presetLayer(name);
    this.problems.push(...problems);
    if (layer) this.add(layer, `preset:${name}`);
    else this.complete = false;
  }

  private addPreset(from: Layer, name: string, at: Path): void {
    if (!PRESET_NAMES.includes(name)) {
      this.fail(
        from,
        at,
        `unknown preset \`${name}\` in extends`,
        `${suggest(name, PRESET_NAMES, 'available presets')}; file paths start with \`./\``,
      );
      return;
    }
    if (this.isCycle(from, `preset:${name}`, name, at)) return;
    this.addPresetByName(name);
  }

  private addFile(from: Layer, ref: string, at: Path): void {
    const absPath = path.resolve(from.dir, ref);
    // Shown in problems and `extends`: relative to where the config file was named from.
    const file = path.isAbsolute(ref) ? ref : path.join(path.dirname(from.file), ref);
    if (this.isCycle(from, absPath, file, at)) return;
    const text = this.readFile(absPath, ref);
    if (typeof text === 'object') {
      this.fail(from, at, text.problem, text.hint);
      return;
    }
    if (text === undefined) {
      this.fail(
        from,
        at,
        `cannot read extended file \`${ref}\` (${absPath})`,
        `check the path; it is relative to the directory of ${from.file}`,
      );
      return;
    }
    const { layer, problems } = parseLayer({
      text,
      file,
      label: file,
      dir: path.dirname(absPath),
      kind: 'config',
    });
    this.problems.push(...problems);
    if (layer) this.add(layer, absPath);
    else this.complete = false;
  }

  private isCycle(from: Layer, key: string, name: string, at: Path): boolean {
    const start = this.stack.findIndex((entry) => entry.key === key);
    if (start < 0) return false;
    const chain = [...this.stack.slice(start).map((entry) => entry.name), name].join(' → ');
    this.fail(from, at, `extends cycle: ${chain}`, 'remove one of these `extends` entries');
    return true;
  }

  private fail(from: Layer, at: Path, message: string, hint: string): void {
    this.complete = false;
    this.problems.push({ file: from.file, ...from.source.positionOf(at, 'value'), message, hint });
  }
}
