// Preloaded with `node --import` into the action's process (memory figures): peak RSS from
// the kernel at exit, heapUsed sampled every 5 ms, and with BENCH_GC_AT_FETCH=1 (needs
// --expose-gc) the live heap after a full GC at the start of every HTTP request: at that
// moment the previous page's raw response is garbage unless something still holds it.
// Writes JSON to BENCH_HOOK_OUT at exit.
import diagnosticsChannel from 'node:diagnostics_channel';
import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

const out = process.env.BENCH_HOOK_OUT;
const gcAtFetch = process.env.BENCH_GC_AT_FETCH === '1' && typeof globalThis.gc === 'function';
let peakHeapSampled = 0;
let peakAtMs = 0;
let lastFetchAtMs = 0;
const live = [];

const sample = () => {
  const h = getHeapStatistics().used_heap_size;
  if (h > peakHeapSampled) {
    peakHeapSampled = h;
    peakAtMs = performance.now();
  }
};
setInterval(sample, 5).unref();

/** At the start of every HTTP request (global fetch, or node:http as the action uses it). */
function atRequest() {
  sample();
  lastFetchAtMs = performance.now();
  if (gcAtFetch) {
    globalThis.gc();
    live.push(process.memoryUsage().heapUsed);
  }
}
diagnosticsChannel.subscribe('http.client.request.start', atRequest);

const realFetch = globalThis.fetch;
globalThis.fetch = function benchFetch(...args) {
  atRequest();
  return realFetch.apply(this, args);
};

/**
 * Peak RSS of this process: VmHWM on Linux. getrusage's maxRSS of a child spawned by the bench
 * inherits the bench's own high-water mark across exec (Linux keeps it from the replaced image),
 * which hid small runs under the bench's ~60 MB; see hooks/rusage.cjs.
 */
function peakRss() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: maxRSS
  }
  return process.resourceUsage().maxRSS * 1024;
}

process.on('exit', () => {
  sample();
  if (!out) return;
  writeFileSync(
    out,
    JSON.stringify({
      maxRssBytes: peakRss(),
      peakHeapSampled,
      peakAtMs,
      lastFetchAtMs,
      exitAtMs: performance.now(),
      heapAtExit: process.memoryUsage().heapUsed,
      liveHeapAtRequests: live,
    }),
  );
});
