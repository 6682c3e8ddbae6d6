// Builds the committed bundles with ncc: the action (dist/index.js), the CLI
// (dist/cli/index.js) and the package's API (dist/api/index.js + index.d.ts), each with presets.json: rules/*.yml parsed and
// validated at build time so the action's cold start pays neither for the YAML parser nor for
// the schema over them (the YAML stays the source of truth).
//
// Each bundle has a chunk of its own for undici, which only the proxy support loads (see
// src/github/proxy.ts). ncc writes licenses.txt once per chunk, the last one winning, so the
// file is written here instead, from ncc's module list: every bundled package with its
// license, in the format ncc uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseJs } from 'acorn';
import { minify as terser } from 'terser';
import { parse } from 'yaml';

const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build'];
// Minified: ~8 ms less CPU per start (V8 compiles half the text). NCC_MINIFY=0 builds the
// readable bundle whose module markers `npm run bench -- --profile` attributes time with.
// ncc minifies the entry file only (terser, names mangled, no compression): the chunks
// (`<id>.index.js`, one per dynamic import) are minified here (an issue event compiles the
// chunk of the run after its start).
const minify = process.env.NCC_MINIFY === '0' ? [] : ['--minify'];
rmSync('dist', { recursive: true, force: true });

async function build(entry, out) {
  const stats = path.join(out, 'stats.json');
  execFileSync(
    process.execPath,
    [...ncc, entry, '-o', out, ...minify, '--stats-out', stats, '--quiet'],
    {
      stdio: 'inherit',
    },
  );
  const s = JSON.parse(readFileSync(stats, 'utf8'));
  rmSync(stats);
  // --quiet hides webpack's warnings; a missing export (e.g. a module imported by path
  // behind @actions/core) must stop the build rather than fail at run time.
  if (s.errorsCount || s.warningsCount) {
    for (const w of [...s.errors, ...s.warnings]) console.error(w.message ?? w);
    throw new Error(`ncc: ${s.errorsCount} errors, ${s.warningsCount} warnings building ${entry}`);
  }
  writeFileSync(path.join(out, 'licenses.txt'), licenses(s.modules));
  for (const f of readdirSync(out).filter((f) => f.endsWith('.js'))) {
    if (/^\d+\.index\.js$/.test(f)) {
      factoriesAsFunctions(path.join(out, f));
      if (minify.length) await minifyChunk(path.join(out, f));
    }
    asciiOnly(path.join(out, f));
  }
}

/**
 * Writes a chunk's module factories as parenthesised function expressions, as webpack does
 * for modules that use `this`, instead of arrows. V8 compiles a parenthesised function with
 * the chunk (it is about to be called); Node 20's V8 does so for `(function` only, and
 * otherwise pre-parses each factory with the chunk, then parses it again when the module is
 * required: an issue event's chunks cost ~10 ms more CPU on Node 20 (Node 24 compiles
 * either form eagerly). A factory called with the module's exports as `this` is what a
 * CommonJS module expects anyway. The minifier drops the parentheses; minifyChunk puts them
 * back.
 */
function factoriesAsFunctions(file) {
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(/^(\/\*{3}\/ )\(\(([\w$, ]*)\) => \{$/gm, '$1(function($2) {');
  // Each module of the table (`/***/ <id>:`) must now open with a function on the next line:
  // a new webpack output shape stops the build instead of silently costing Node 20 its eager
  // compile.
  const factories = [...rewritten.matchAll(/^\/\*{3}\/ (\S+):[ \t]*\n(.*)$/gm)];
  const arrows = factories.filter(([, , next]) => !next.startsWith('/***/ (function('));
  if (factories.length === 0 || arrows.length > 0)
    throw new Error(
      `${file}: module factories not written as functions: ${arrows.map(([, id]) => id).join(', ') || 'no module table found'}`,
    );
  writeFileSync(file, rewritten);
}

/**
 * A chunk minified with terser, compressed as well: it drops what webpack left of the
 * modules' unused exports (zod's unused schema kinds and format patterns, yaml's and
 * @actions/cache's unused code), which the chunk's text would otherwise carry for V8 to
 * parse. The zod / yaml / picomatch chunk: 216 KB (esbuild, which does not remove unused
 * code inside the module functions) → 172 KB. ES module syntax is kept (the runtime imports
 * the chunk), as are licence comments. The module factories are parenthesised again (see
 * factoriesAsFunctions), found in the syntax tree of the minified text: the properties of
 * the `modules` object the chunk exports.
 */
async function minifyChunk(file) {
  const { code } = await terser(readFileSync(file, 'utf8'), {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    // @actions/cache tells its errors apart by class name (`err.name === ReserveCacheError.name`).
    keep_classnames: true,
    format: { comments: /@license|@preserve|^!/ },
  });
  const factories = moduleFactories(code, file);
  let out = '';
  let at = 0;
  for (const f of factories.sort((a, b) => a.start - b.start)) {
    out += `${code.slice(at, f.start)}(${code.slice(f.start, f.end)})`;
    at = f.end;
  }
  writeFileSync(file, out + code.slice(at));
}

/**
 * The function expressions of a minified chunk's module table: the properties of the
 * `modules` object it exports (`export const modules = {…}`, or a declaration exported as
 * `modules`). Anything else there (a method, a getter, a spread, a computed key) stops the
 * build: wrapped in parentheses it would not be valid JavaScript.
 */
function moduleFactories(code, file) {
  const body = parseJs(code, { ecmaVersion: 'latest', sourceType: 'module' }).body;
  const declarations = body.flatMap((n) =>
    n.type === 'VariableDeclaration' || n.type === 'ExportNamedDeclaration'
      ? ((n.type === 'VariableDeclaration' ? n : n.declaration)?.declarations ?? [])
      : [],
  );
  const exported = body
    .filter((n) => n.type === 'ExportNamedDeclaration')
    .flatMap((n) =>
      n.declaration
        ? (n.declaration.declarations ?? []).map((d) => [d.id.name, d.id.name])
        : n.specifiers.map((sp) => [sp.exported.name, sp.local.name]),
    );
  const local = exported.find(([name]) => name === 'modules')?.[1];
  const table = declarations.find((d) => d.id.type === 'Identifier' && d.id.name === local);
  if (!table || table.init?.type !== 'ObjectExpression')
    throw new Error(`${file}: no module table (\`modules\` object) after minifying`);
  return table.init.properties.map((p) => {
    const ok =
      p.type === 'Property' &&
      p.kind === 'init' &&
      !p.method &&
      !p.computed &&
      p.value.type === 'FunctionExpression';
    if (!ok)
      throw new Error(
        `${file}: module ${p.key?.value ?? p.key?.name ?? '?'} of the table is not a plain function after minifying`,
      );
    return p.value;
  });
}

/**
 * Rewrites every non-ASCII character of a bundle as a `\uXXXX` escape (they all stand in
 * string, template and regular-expression literals, or comments, where the escape means the
 * same). One "—" or "✅" anywhere makes V8 hold the whole source as a two-byte string and
 * Node decode it as UTF-8 first: ASCII-only, the action's start holds ~0.6 MB less and skips
 * the decode. A `String.raw` (whose raw text would change) is refused.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[\u0080-\uffff]/.test(text)) return;
  // A backslash before the character (an escaped one) would escape the escape instead.
  if (text.includes('String.raw') || /\\[\u0080-\uffff]/.test(text))
    throw new Error(`${file}: non-ASCII text that a \\u escape would change`);
  writeFileSync(
    file,
    text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/** Package roots (node_modules/NAME or node_modules/@SCOPE/NAME) of every bundled module. */
function packageRoots(modules, roots = new Set()) {
  for (const m of modules) {
    const name = m.name ?? '';
    const i = name.lastIndexOf('node_modules/');
    if (i >= 0) {
      const parts = name.slice(i + 'node_modules/'.length).split('/');
      const pkg = parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      roots.add(name.slice(name.startsWith('./') ? 2 : 0, i) + 'node_modules/' + pkg);
    }
    if (m.modules) packageRoots(m.modules, roots);
  }
  return roots;
}

function licenses(modules) {
  const entries = [];
  for (const root of packageRoots(modules)) {
    const pj = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const file = readdirSync(root).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(path.join(root, file), 'utf8').trim() : '';
    entries.push(`${pj.name}\n${pj.license ?? ''}\n${text}\n`);
  }
  return [...new Set(entries)].sort().join('\n');
}

await build('src/main.ts', 'dist');
await build('src/cli.ts', 'dist/cli');
await build('src/api.ts', 'dist/api');

// The API's declarations: src/api.ts declares every public type itself, so its .d.ts alone is
// the package's types; an import in it would point at a file the package does not ship.
const dts = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-dts-'));
execFileSync(
  process.execPath,
  ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.api.json', '--outDir', dts],
  { stdio: 'inherit' },
);
const declarations = readFileSync(path.join(dts, 'src/api.d.ts'), 'utf8');
rmSync(dts, { recursive: true, force: true });
if (/^\s*import\b|\bimport\(|\bfrom\s+['"]/m.test(declarations)) {
  throw new Error(
    'dist/api/index.d.ts would import other declarations: declare the public types in src/api.ts',
  );
}
writeFileSync('dist/api/index.d.ts', declarations);

// The bundles take presets.json as validated (src/config/presets.ts): check it here. The check
// prints the presets' label globs compiled, which presets.json carries as `$label-globs`.
const checked = execFileSync(
  process.execPath,
  ['node_modules/tsx/dist/cli.mjs', 'scripts/check-presets.ts'],
  { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
);
let labelGlobs;
try {
  labelGlobs = JSON.parse(checked);
} catch {
  throw new Error(`scripts/check-presets.ts printed more than the label globs: ${checked}`);
}
const presets = { '$label-globs': labelGlobs };
for (const f of readdirSync('rules')
  .filter((f) => f.endsWith('.yml'))
  .sort()) {
  const name = f.slice(0, -4);
  if (name in presets) throw new Error(`rules/${f}: \`${name}\` is a key presets.json keeps`);
  presets[name] = parse(readFileSync(`rules/${f}`, 'utf8'));
}
// ASCII only, like the bundles (see asciiOnly): a glob over `/` holds a private-use character.
const json =
  JSON.stringify(presets).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  ) + '\n';
writeFileSync('dist/presets.json', json);
writeFileSync('dist/cli/presets.json', json);
writeFileSync('dist/api/presets.json', json);
