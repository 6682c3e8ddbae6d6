// Benchmark of every SPEC "Targets" figure (see docs/benchmarks.md): runs the built action
// (dist/index.js) as a child process with a runner's environment against the GitHub API
// emulator (tests/emulator), and the engine on 100,000 generated issues. Prints a table
// (target, measured, limit, pass/fail) and writes the same to bench-results/latest.json.
//
//   npm run bench                   # full run (~1-2 min on 2 cores)
//   npm run bench -- --quick        # smaller sizes, fewer repetitions (~30 s)
//   npm run bench -- --node24       # also cold start under Node 24 (installed to a temp dir)
//   npm run bench -- --only backlog,cold-start --profile
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backlog } from './bench/backlog.js';
import { coldStart } from './bench/cold-start.js';
import { cpuPerPage } from './bench/cpu-per-page.js';
import type { BenchOptions, Context } from './bench/context.js';
import { engine } from './bench/engine.js';
import { fmtMs, RESULTS_DIR, ROOT, snapshotBundle } from './bench/harness.js';
import { incremental } from './bench/incremental.js';
import { issueEvent } from './bench/issue-event.js';
import { memory } from './bench/memory.js';
import { rateLimit } from './bench/rate-limit.js';
import { renderMarkdown, renderTable, type Section } from './bench/report.js';

const SECTIONS: Record<string, (ctx: Context) => Promise<Section>> = {
  issue: issueEvent,
  backlog,
  engine,
  memory,
  'cold-start': coldStart,
  'rate-limit': rateLimit,
  incremental,
  'cpu-page': cpuPerPage,
};

const HELP = `Usage: npx tsx scripts/bench.ts [options]

  --quick            smaller backlogs, fewer repetitions (~30 s instead of ~70 s)
  --only LIST        comma-separated sections: ${Object.keys(SECTIONS).join(', ')}
  --latency MS       emulator round trip for the backlog wall-time figures (default 50)
  --node24           also measure cold start under Node 24 (npm package node-<os>-<arch>@24,
                     installed into ${path.join(os.tmpdir(), 'backlog-lint-bench-node24')} when missing)
  --profile          CPU-profile cold start even when it meets its target, and the issue
                     event and a backlog run (cpu-page) whole; per module only on a bundle
                     built with NCC_MINIFY=0 npm run package (minified, it has no markers)
  --dist DIR         bundle to measure (default dist/; copied to bench-results/.dist first)
  --out FILE         JSON results (default bench-results/latest.json)
  --markdown         also print the table as markdown (for docs/benchmarks.md)
  --strict           exit 1 when a target is missed (default: report only)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      latency: { type: 'string', default: '50' },
      node24: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      dist: { type: 'string' },
      out: { type: 'string' },
      markdown: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of only ?? [])
    if (!(name in SECTIONS)) {
      process.stderr.write(`Unknown section "${name}".\n${HELP}`);
      return 2;
    }
  const opts: BenchOptions = {
    quick: values.quick,
    latencyMs: Number(values.latency),
    node24: values.node24,
    profile: values.profile,
  };
  if (!Number.isFinite(opts.latencyMs) || opts.latencyMs < 0) {
    process.stderr.write('--latency must be a number of milliseconds.\n');
    return 2;
  }

  const started = Date.now();
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const cpus = os.cpus();
  const loadStart = os.loadavg();
  if ((loadStart[0] ?? 0) > cpus.length * 0.5)
    log(
      `warning: load average ${loadStart.map((x) => x.toFixed(2)).join(' ')} on ${cpus.length} CPUs: other work is running, timings will be noisy.`,
    );
  const bundle = await snapshotBundle(values.dist ? path.resolve(values.dist) : undefined);
  log(
    `backlog-lint bench${opts.quick ? ' --quick' : ''}: ${bundle.source} (${(bundle.bytes / 1024 / 1024).toFixed(2)} MB, sha256 ${bundle.sha256.slice(0, 12)}), Node ${process.version}, ${cpus.length} CPUs`,
  );
  const ctx: Context = { bundle, opts, log, shared: {} };

  const sections: Section[] = [];
  let crashed = false;
  for (const [name, fn] of Object.entries(SECTIONS)) {
    if (only && !only.includes(name)) continue;
    const t = Date.now();
    log(`▶ ${name}`);
    try {
      sections.push(await fn(ctx));
    } catch (err) {
      crashed = true;
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      log(`✖ ${name} failed:\n${message}`);
      sections.push({
        name,
        rows: [
          {
            id: `${name}.error`,
            target: `${name}: the benchmark itself failed`,
            measured: (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '',
            limit: 'runs',
            pass: false,
          },
        ],
        details: { error: message },
      });
    }
    log(`  (${fmtMs(Date.now() - t)})`);
  }

  const rows = sections.flatMap((s) => s.rows);
  const passed = rows.filter((r) => r.pass === true).length;
  const failed = rows.filter((r) => r.pass === false);
  const durationMs = Date.now() - started;
  const date = new Date().toISOString();
  const out = values.out ? path.resolve(values.out) : path.join(RESULTS_DIR, 'latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  const command = `npx tsx scripts/bench.ts ${process.argv.slice(2).join(' ')}`.trim();
  writeFileSync(
    out,
    JSON.stringify(
      {
        version: 1,
        date,
        command,
        options: opts,
        machine: {
          cpus: cpus.length,
          cpuModel: cpus[0]?.model ?? 'unknown',
          memoryBytes: os.totalmem(),
          platform: `${process.platform} ${os.release()} ${process.arch}`,
          node: process.version,
          loadAverageStart: loadStart,
          loadAverageEnd: os.loadavg(),
        },
        bundle: { ...bundle, entry: path.relative(ROOT, bundle.entry) },
        durationMs,
        summary: { passed, failed: failed.length, info: rows.length - passed - failed.length },
        sections,
      },
      null,
      2,
    ) + '\n',
  );

  const lines = [
    '',
    `backlog-lint benchmark — ${date.slice(0, 10)}, Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}${opts.quick ? ', --quick' : ''}`,
    renderTable(sections),
  ];
  for (const s of sections) if (s.notes?.length) lines.push('', ...s.notes);
  if (values.markdown) lines.push('', renderMarkdown(sections));
  lines.push(
    '',
    `${passed} of ${passed + failed.length} targets pass${failed.length ? `; missed: ${failed.map((r) => r.id).join(', ')}` : ''}. ${fmtMs(durationMs)} in all. Results: ${path.relative(process.cwd(), out)}`,
    '',
  );
  process.stdout.write(lines.join('\n'));
  if (crashed) return 1;
  return values.strict && failed.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
