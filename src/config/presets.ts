// The built-in presets: YAML data in rules/<name>.yml at the package root. The code runs from
// src/config/ (vitest, tsx) and bundled from dist/ or dist/cli/ (ncc), so the folder is found
// by walking up from this module to the first directory holding rules/recommended.yml.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePrecompiledLabelGlobs, type PrecompiledGlob } from '../label-glob.js';
import type { ConfigProblem } from '../types.js';
import { parseLayer, presetLayerFromData, type Layer } from './layer.js';

/** Names `extends` accepts; each is rules/<name>.yml (a test keeps the two in sync). */
export const PRESET_NAMES: string[] = ['recommended', 'strict'];

let presetsDir: string | undefined;

export function presetsDirectory(): string {
  if (presetsDir) return presetsDir;
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'rules', 'recommended.yml'))) {
      presetsDir = path.join(dir, 'rules');
      return presetsDir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`backlog-lint: rules/recommended.yml not found above ${start}`);
    }
  }
}

let bundled: Record<string, unknown> | null | undefined;

/**
 * The bundles ship the presets pre-parsed and pre-validated (`npm run package` writes
 * presets.json beside dist/index.js, dist/cli/index.js and dist/api/index.js from
 * rules/*.yml, after scripts/check-presets.ts found each one valid), with their label globs
 * compiled (`$label-globs`); from src/ there is none.
 */
function bundledPresets(): Record<string, unknown> | null {
  if (bundled !== undefined) return bundled;
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'presets.json');
  bundled = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
    : null;
  const globs = bundled?.['$label-globs'] as Record<string, PrecompiledGlob> | undefined;
  if (globs) usePrecompiledLabelGlobs(globs);
  return bundled;
}

const cache = new Map<string, { layer: Layer | null; problems: ConfigProblem[] }>();

/** A preset parsed and validated once per process; callers must not mutate the layer. */
export function presetLayer(name: string): { layer: Layer | null; problems: ConfigProblem[] } {
  let parsed = cache.get(name);
  if (!parsed) {
    const dir = presetsDirectory();
    const spec = {
      text: readFileSync(path.join(dir, `${name}.yml`), 'utf8'),
      file: `rules/${name}.yml`,
      label: name,
      dir,
      kind: 'preset' as const,
    };
    const data = bundledPresets()?.[name];
    parsed =
      data !== undefined
        ? presetLayerFromData(spec, data, { validatedAtBuild: true })
        : parseLayer(spec);
    cache.set(name, parsed);
  }
  return parsed;
}
