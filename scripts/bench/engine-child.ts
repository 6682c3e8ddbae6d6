// Engine benchmark, run in its own process (`node --expose-gc --import tsx`) so its heap holds
// nothing else: N generated issues through `Linter` in pages of 100, as backlog mode feeds it.
// Prints one JSON object on stdout.
//   --issues=N --runs=K   time K runs (after a warm-up) and measure the heap of facts + result
//   --facts=FILE          measure the heap of these facts (JSON array) + their result instead
//   --raw=FILE            also the heap per issue of 50 parsed copies of this raw API page
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config/index.js';
import { Linter } from '../../src/engine/index.js';
import type { IssueFacts, LintResult } from '../../src/types.js';
import { BACKLOG_CONFIG, generateFacts, TEAM } from './data.js';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? ''] as const;
  }),
);
const COUNT = Number(args.get('issues') ?? 100_000);
const RUNS = Number(args.get('runs') ?? 5);
const PAGE = 100;

const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

const config = parseConfig(BACKLOG_CONFIG, '.github/backlog-lint.yml');
const teams = { [`@${TEAM.org}/${TEAM.slug}`]: TEAM.members };
const today = new Date().toISOString().slice(0, 10);

function lintAll(issues: IssueFacts[]): LintResult {
  const linter = new Linter({ config, teams, today, scope: 'backlog' });
  for (let start = 0; start < issues.length; start += PAGE)
    linter.add(issues.slice(start, start + PAGE));
  return linter.finish();
}

function timeRuns(issues: IssueFacts[]): number[] {
  lintAll(issues); // warm-up (JIT); each result is dropped before the next run
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    heap();
    const t = performance.now();
    const result = lintAll(issues);
    times.push(performance.now() - t);
    if (result.issues.length !== issues.length) throw new Error('engine lost issues');
  }
  return times;
}

function summarize(result: LintResult) {
  return {
    findings: result.findings.length,
    counts: result.counts,
    byRule: result.findings.reduce<Record<string, number>>((acc, f) => {
      acc[f.rule] = (acc[f.rule] ?? 0) + 1;
      return acc;
    }, {}),
    waivers: result.waivers.length,
    classification: result.classification,
  };
}

/** Heap retained by the facts, then by one LintResult on top of them (after full GCs). */
function measureHeap(make: () => IssueFacts[]): {
  count: number;
  facts: number;
  result: number;
  summary: ReturnType<typeof summarize>;
} {
  const base = heap();
  let issues: IssueFacts[] | null = make();
  const count = issues.length;
  const withFacts = heap();
  let result: LintResult | null = lintAll(issues);
  const withResult = heap();
  const summary = summarize(result);
  result = null;
  issues = null;
  return { count, facts: withFacts - base, result: withResult - withFacts, summary };
}

/** Heap per issue of raw API pages kept as parsed JSON (what holding every page would cost). */
function measureRaw(file: string, copies: number): { issues: number; bytes: number } {
  const text = readFileSync(file, 'utf8');
  const base = heap();
  let kept: unknown[] | null = Array.from({ length: copies }, () => JSON.parse(text) as unknown);
  const bytes = heap() - base;
  const nodes =
    (kept[0] as { data?: { repository?: { issues?: { nodes?: unknown[] } } } }).data?.repository
      ?.issues?.nodes?.length ?? 0;
  kept = null;
  return { issues: nodes * copies, bytes };
}

function main(): void {
  const factsFile = args.get('facts');
  const rawFile = args.get('raw');
  // The raw pages first, while the heap holds little: measured after the facts and their
  // result were dropped, the base could still count some of them (heapUsed right after a full
  // GC may include what sweeping has not freed yet), and once came out at -1.2 KB per issue.
  const raw = rawFile ? measureRaw(rawFile, 50) : null;
  const mem = measureHeap(() =>
    factsFile
      ? (JSON.parse(readFileSync(factsFile, 'utf8')) as IssueFacts[])
      : generateFacts(COUNT),
  );
  const times = RUNS > 0 ? timeRuns(generateFacts(COUNT)) : [];
  process.stdout.write(
    JSON.stringify({
      issues: mem.count,
      pageSize: PAGE,
      runs: RUNS,
      timesMs: times,
      gcExposed: !!gc,
      heap: { facts: mem.facts, result: mem.result, total: mem.facts + mem.result },
      raw,
      result: mem.summary,
    }) + '\n',
  );
}

main();
