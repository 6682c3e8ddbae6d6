// Reads a V8 CPU profile of the action's start-up and says where the time went: compiling the
// bundle, evaluating it (per bundled package), run() until the first request (per callee),
// garbage collection, Node internals. Frames of the bundle are mapped to the module they come
// from with the markers ncc leaves in dist/index.js (`// CONCATENATED MODULE: ./path` for ES
// modules, `/***/ id:` for CommonJS ones, named here from their content).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface ModuleRange {
  /** 0-based first line. */
  start: number;
  name: string;
  bytes: number;
  /** CommonJS modules: 0-based line where the module's factory function starts. */
  factoryLine?: number;
}

/** What a CommonJS module of the bundle is, from strings it contains. */
const CJS_SIGNATURES: [RegExp, string][] = [
  [/undici|UND_ERR|kUndici/, 'undici'],
  [/Bottleneck/, 'bottleneck'],
  [/TunnelingAgent/, 'tunnel'],
  [/picomatch|POSIX_REGEX_SOURCE|REGEX_NON_SPECIAL_CHARS/, 'picomatch'],
  [/\bYAML|yaml|isScalar|isCollection|composeDoc/, 'yaml'],
];

/** Package (`zod`, `@octokit/rest`) or source file (`src/config/load.ts`) of a module path. */
export function packageOf(modulePath: string): string {
  const p = modulePath.replace(/^\.\//, '');
  const nm = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  if (nm?.[1]) return nm[1];
  if (p.startsWith('src/')) return p;
  if (p.startsWith('external '))
    return `node:${p
      .slice(9)
      .replace(/"/g, '')
      .replace(/^node:/, '')}`;
  return p;
}

export function bundleModules(bundleFile: string): ModuleRange[] {
  const lines = readFileSync(bundleFile, 'utf8').split('\n');
  const starts: { start: number; name: string | null; cjs: boolean }[] = [];
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\/\*\*\*\/ (\d+):\s*$/.test(line)) {
      starts.push({ start: i, name: null, cjs: true });
      inTable = true;
      continue;
    }
    const esm = /^;?\/\/ CONCATENATED MODULE: (.+)$/.exec(line);
    if (esm?.[1]) starts.push({ start: i, name: packageOf(esm[1]), cjs: false });
    else if (inTable && /^\/\*{6}\/ \}\);/.test(line)) {
      starts.push({ start: i, name: 'webpack runtime', cjs: false }); // end of the module table
      inTable = false;
    }
  }
  // Name each CommonJS module: a built-in re-export, a known signature, else the package of
  // the first named package module that requires it (undici's many files, its wasm, ...).
  const texts = starts.map((st, k) =>
    lines.slice(st.start, starts[k + 1]?.start ?? lines.length).join('\n'),
  );
  const ids = starts.map((st) => (st.cjs ? (/\d+/.exec(lines[st.start] ?? '')?.[0] ?? '?') : null));
  const names = starts.map((st, k) => {
    if (!st.cjs) return st.name;
    const text = texts[k] ?? '';
    const builtin = /createRequire\(import\.meta\.url\)\("([^"]+)"\)/.exec(text);
    if (builtin?.[1] && text.length < 400) return `node:${builtin[1].replace(/^node:/, '')}`;
    return CJS_SIGNATURES.find(([re]) => re.test(text))?.[1] ?? null;
  });
  const indexOfId = new Map<string, number>();
  ids.forEach((id, k) => id !== null && indexOfId.set(id, k));
  // `// EXTERNAL MODULE: ./node_modules/undici/index.js` + `var undici = __nccwpck_require__(6752);`
  // name the entry module of each CommonJS package an ES module imports.
  for (let i = 0; i + 1 < lines.length; i++) {
    const ext = /^\/\/ EXTERNAL MODULE: (\.\/.+)$/.exec(lines[i] ?? '');
    const id = ext ? /__nccwpck_require__\((\d+)\)/.exec(lines[i + 1] ?? '')?.[1] : undefined;
    const k = id === undefined ? undefined : indexOfId.get(id);
    if (ext?.[1] && k !== undefined) names[k] = packageOf(ext[1]);
  }
  const deps = texts.map((t) =>
    [...t.matchAll(/__nccwpck_require__\((\d+)\)/g)].map((m) => m[1] ?? ''),
  );
  for (let changed = true; changed;) {
    changed = false;
    names.forEach((name, k) => {
      if (
        !name ||
        name.startsWith('src/') ||
        name.startsWith('node:') ||
        name === 'webpack runtime'
      )
        return;
      for (const id of deps[k] ?? []) {
        const j = indexOfId.get(id);
        if (j !== undefined && names[j] === null) {
          names[j] = name;
          changed = true;
        }
      }
    });
  }
  return starts.map((st, k) => ({
    start: st.start,
    name: names[k] ?? `cjs module ${ids[k] ?? '?'}`,
    bytes: Buffer.byteLength(texts[k] ?? ''),
    ...(st.cjs ? { factoryLine: st.start + 1 } : {}),
  }));
}

/** Bytes of the bundle per package, largest first. */
export function bundleComposition(bundleFile: string): { name: string; bytes: number }[] {
  const by = new Map<string, number>();
  for (const r of bundleModules(bundleFile)) {
    const name = r.name.startsWith('src/') ? 'src/ (backlog-lint)' : r.name;
    by.set(name, (by.get(name) ?? 0) + r.bytes);
  }
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function rangeAt(ranges: ModuleRange[], line: number): ModuleRange | null {
  let lo = 0;
  let hi = ranges.length - 1;
  let found: ModuleRange | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (!r) break;
    if (r.start <= line) {
      found = r;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function moduleAt(ranges: ModuleRange[], line: number): string {
  return rangeAt(ranges, line)?.name ?? 'bundle (prologue)';
}

interface Part {
  name: string;
  ms: number;
  parts?: Part[];
}

export interface ProfileSummary {
  /** Sampled time covered by the profile (ms). */
  totalMs: number;
  phases: { name: string; ms: number; parts: Part[] }[];
  /** CommonJS modules of the bundle whose factory ran, per package. */
  cjsLoaded: { name: string; modules: number; bytes: number }[];
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const top = (m: Map<string, number>, n: number, minMs = 0.5): Part[] =>
  [...m]
    .filter(([, v]) => v >= minMs)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms }));

/** The functions that sequence a run, `name module`: their callees are the run's steps. */
const RUN_SEQUENCE = new Set([
  'run src/action/run.ts',
  'startRun src/action/start.ts',
  'lintAndReport src/action/lint-and-report.ts',
]);

export const PHASES = {
  run: 'run() (until the first request, in a start-up profile)',
  compile: 'compile the bundle (V8, ES module source)',
  evaluate: 'evaluate the bundle (top-level code of its modules)',
  gc: 'garbage collection',
  idle: 'idle (waiting for I/O)',
  native: 'native (V8 / Node, unattributed)',
  outside: 'Node internals outside the bundle',
} as const;

/**
 * Splits the profile's time into phases: compiling the ES module text, evaluating the bundle
 * (per package), run() (per function it calls, each split by package), GC, idle, Node
 * internals. `__nccwpck_require__` self time is V8 compiling the CommonJS module factories it
 * calls for the first time (the function itself is a cache lookup).
 */
export function summarizeProfile(profile: CpuProfile, bundleFile: string): ProfileSummary {
  const ranges = bundleModules(bundleFile);
  const bundleUrl = pathToFileURL(bundleFile).href;
  // The bundle's chunks (`<id>.index.js` beside it: the run after its start, the backlog
  // source, ...) count as the bundle, each with its own module markers.
  const dir = bundleUrl.replace(/[^/]+$/, '');
  const chunkRanges = new Map<string, ModuleRange[]>([[bundleUrl, ranges]]);
  const rangesOf = (url: string) => {
    let r = chunkRanges.get(url);
    if (!r) chunkRanges.set(url, (r = bundleModules(new URL(url).pathname)));
    return r;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number): ProfileNode[] => {
    const out: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (n) out.push(n);
    }
    return out.reverse(); // root first
  };
  const inBundle = (n: ProfileNode) =>
    n.callFrame.url.startsWith(dir) && !n.callFrame.url.slice(dir.length).includes('/');
  const modOf = (n: ProfileNode) => moduleAt(rangesOf(n.callFrame.url), n.callFrame.lineNumber);
  const label = (n: ProfileNode): string => {
    const f = n.callFrame;
    if (inBundle(n)) {
      if (f.functionName === '__nccwpck_require__')
        return 'compile CommonJS modules (__nccwpck_require__)';
      if (f.functionName === '' && f.lineNumber === 0)
        return 'top-level statements of the ES modules';
      return modOf(n);
    }
    if (f.functionName.startsWith('(')) return f.functionName;
    if (/compileForInternalLoader|requireBuiltin|compileFunction/.test(f.functionName))
      return 'node: load built-in modules';
    return 'node internals';
  };

  const phases = new Map<
    string,
    { parts: Map<string, number>; nested: Map<string, Map<string, number>> }
  >();
  const phase = (name: string) => {
    let p = phases.get(name);
    if (!p) phases.set(name, (p = { parts: new Map(), nested: new Map() }));
    return p;
  };
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (ms <= 0) return;
    total += ms;
    const stack = stackOf(id);
    const leaf = stack[stack.length - 1];
    if (!leaf) return;
    const leafName = leaf.callFrame.functionName;
    if (leafName === '(garbage collector)') return add(phase(PHASES.gc).parts, 'gc', ms);
    if (leafName === '(idle)') return add(phase(PHASES.idle).parts, 'idle', ms);
    if (leafName === '(program)') return add(phase(PHASES.native).parts, 'program', ms);
    // The innermost of the functions that sequence the run (run() calls startRun(), then
    // lintAndReport() from its chunk; after an await each resumes on a stack of its own).
    const runAt = stack.findLastIndex(
      (n) => inBundle(n) && RUN_SEQUENCE.has(`${n.callFrame.functionName} ${modOf(n)}`),
    );
    if (runAt >= 0) {
      const callee = stack[runAt + 1];
      const name = callee
        ? inBundle(callee)
          ? `${callee.callFrame.functionName || '(anonymous)'} (${modOf(callee)})`
          : label(callee)
        : 'run (self)';
      const p = phase(PHASES.run);
      add(p.parts, name, ms);
      let nested = p.nested.get(name);
      if (!nested) p.nested.set(name, (nested = new Map()));
      add(nested, label(leaf), ms);
      return;
    }
    if (stack.some((n) => /compileSourceTextModule|ModuleWrap/.test(n.callFrame.functionName)))
      return add(phase(PHASES.compile).parts, 'compile', ms);
    if (stack.some(inBundle)) {
      // Self time of the leaf, by the bundled package it belongs to (node built-ins a package
      // loads at its top level count for that package).
      const owner = [...stack].reverse().find(inBundle);
      const name = inBundle(leaf)
        ? label(leaf)
        : `${owner ? label(owner) : 'bundle'} → ${label(leaf)}`;
      return add(phase(PHASES.evaluate).parts, name, ms);
    }
    add(phase(PHASES.outside).parts, label(leaf), ms);
  });

  const loaded = new Map<string, { modules: number; bytes: number }>();
  const seen = new Set<ModuleRange>();
  for (const n of profile.nodes) {
    if (!inBundle(n)) continue;
    const r = rangesOf(n.callFrame.url).find((m) => m.factoryLine === n.callFrame.lineNumber);
    if (!r || seen.has(r)) continue;
    seen.add(r);
    const e = loaded.get(r.name) ?? { modules: 0, bytes: 0 };
    e.modules++;
    e.bytes += r.bytes;
    loaded.set(r.name, e);
  }

  return {
    totalMs: total,
    phases: [...phases]
      .map(([name, p]) => ({
        name,
        ms: [...p.parts.values()].reduce((a, b) => a + b, 0),
        parts: top(p.parts, 8).map((part) => {
          const nested = p.nested.get(part.name);
          return nested && part.ms >= 10 ? { ...part, parts: top(nested, 6) } : part;
        }),
      }))
      .sort((a, b) => b.ms - a.ms),
    cjsLoaded: [...loaded].map(([name, e]) => ({ name, ...e })).sort((a, b) => b.bytes - a.bytes),
  };
}

const kb = (b: number) => `${Math.round(b / 1024)} KB`;

export function formatProfile(s: ProfileSummary, indent = '  '): string[] {
  const out: string[] = [];
  const list = (parts: Part[]) => parts.map((x) => `${x.name} ${x.ms.toFixed(1)}`).join(', ');
  for (const p of s.phases) {
    if (p.ms < 0.5) continue;
    const single = p.parts.length === 1 && !p.parts[0]?.parts;
    out.push(
      `${indent}${p.ms.toFixed(1).padStart(6)} ms  ${p.name}${single ? '' : `: ${list(p.parts)}`}`,
    );
    for (const part of p.parts)
      if (part.parts) out.push(`${indent}${' '.repeat(12)}${part.name}: ${list(part.parts)}`);
  }
  if (s.cjsLoaded.length)
    out.push(
      `${indent}CommonJS modules evaluated (and so compiled): ${s.cjsLoaded
        .filter((m) => m.bytes >= 1024)
        .map((m) => `${m.name} ${m.modules} (${kb(m.bytes)})`)
        .join(', ')}`,
    );
  return out;
}

/**
 * Self time of a whole run's profile (`node --cpu-prof`), by where the sampled function lives:
 * a source file or bundled package of the bundle (or of one of its chunks: every file next to
 * `bundleFile`), else V8's pseudo-frames (GC, compile/`(program)`, idle) and Node internals;
 * and by function (`name (module)`). Idle time is left out of the total.
 */
export function selfTimeByModule(
  profile: CpuProfile,
  bundleFile: string,
): { totalMs: number; modules: Part[]; functions: Part[] } {
  const dir = pathToFileURL(bundleFile).href.replace(/[^/]+$/, '');
  const ranges = new Map<string, ModuleRange[]>();
  const rangesOf = (url: string) => {
    let r = ranges.get(url);
    if (!r) ranges.set(url, (r = bundleModules(new URL(url).pathname)));
    return r;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(id);
    if (ms <= 0 || !n || n.callFrame.functionName === '(idle)') return;
    total += ms;
    const f = n.callFrame;
    let mod: string;
    if (f.url.startsWith(dir) && !f.url.slice(dir.length).includes('/')) {
      mod =
        f.functionName === '__nccwpck_require__'
          ? 'compile CommonJS modules'
          : moduleAt(rangesOf(f.url), f.lineNumber);
      add(functions, `${f.functionName || '(anonymous)'} (${mod})`, ms);
    } else if (f.functionName.startsWith('(')) mod = f.functionName;
    else {
      mod = f.url.startsWith('node:') ? 'node internals' : f.url || 'native';
      add(functions, `${f.functionName || '(anonymous)'} (${f.url || 'native'})`, ms);
    }
    add(modules, mod, ms);
  });
  return { totalMs: total, modules: top(modules, 25, 0.3), functions: top(functions, 25, 0.3) };
}

export function formatSelfTime(s: ReturnType<typeof selfTimeByModule>, indent = '  '): string[] {
  const list = (parts: Part[]) => parts.map((x) => `${x.name} ${x.ms.toFixed(1)}`).join(', ');
  return [
    `${indent}${s.totalMs.toFixed(1)} ms sampled (idle excluded). Self time by module: ${list(s.modules)}`,
    `${indent}By function: ${list(s.functions)}`,
  ];
}

/** Every `.cpuprofile` that `node --cpu-prof --cpu-prof-dir DIR` left in DIR. */
export function readProfiles(dir: string): CpuProfile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CpuProfile);
}
