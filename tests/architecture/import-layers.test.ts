// The import graph of src/ flows one way (docs/architecture.md "Layers"): a module imports
// only from its own layer or the layers below it. A short scan of the import statements
// (static `import`/`export … from` and dynamic `import()` with a relative path), no parser.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/**
 * Bottom to top. Rules sit below config because config composes the rules' option schemas
 * (src/config/file-schema.ts, merge.ts); the engine runs the rules; reporters render the
 * engine's results; the action and the CLI (and the package entry points) drive everything.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['types.ts', 'names.ts', 'label-glob.ts', 'label-patterns.ts', 'zod.ts'],
  ['rules'],
  ['config'],
  ['issues', 'github', 'incremental'],
  ['engine', 'baseline'],
  ['report', 'preview'],
  ['action', 'cli', 'api.ts', 'cli.ts', 'main.ts'],
];

/**
 * Known upward imports, `from -> to` (paths under src/). Each is a TODO with its reason;
 * the test fails when one is fixed and not removed from here, as when a new one appears.
 */
const KNOWN_EXCEPTIONS: Record<string, string> = {};

function layerOf(file: string): number {
  const top = file.split('/')[0]!;
  const i = LAYERS.findIndex((layer) => layer.includes(top));
  if (i < 0)
    throw new Error(`src/${file}: not in any layer of tests/architecture/import-layers.test.ts`);
  return i;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm;

/**
 * Paths under src/ of a file's relative imports. A relative import out of src/ (the action's
 * io imports @actions/core's command module by path: src/action/io.ts) is a
 * package, not a layer, and is left out.
 */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((m) =>
      path.posix
        .normalize(path.posix.join(path.posix.dirname(file), m[1]!))
        .replace(/\.js$/, '.ts'),
    )
    .filter((to) => !to.startsWith('../'));
}

describe('src/ import layers', () => {
  const files = sourceFiles(SRC);
  const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

  it('finds the imports it checks (the scan is not blind)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges).toContainEqual({ from: 'engine/linter.ts', to: 'rules/index.ts' });
    expect(edges.every(({ to }) => fs.existsSync(path.join(SRC, to)))).toBe(true);
  });

  it('has no upward import beyond the known, listed exceptions', () => {
    const upward = edges
      .filter(({ from, to }) => layerOf(to) > layerOf(from))
      .map(({ from, to }) => `${from} -> ${to}`);
    expect(upward.sort()).toEqual(Object.keys(KNOWN_EXCEPTIONS).sort());
  });
});
