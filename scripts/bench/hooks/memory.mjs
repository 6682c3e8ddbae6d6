// Preloaded with `node --import` into the action's process (memory figures): peak RSS from
// the kernel at exit, heapUsed sampled every 5 ms, and with BENCH_GC_AT_FETCH=1 (needs
// --expose-gc) the live heap after a full GC at the start of every HTTP request: at that
// moment the previous page's raw response is garbage unless something still holds it.
// Writes JSON to BENCH_HOOK_OUT at exit.
import { writeFileSync } from 'node:fs';
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

const realFetch = globalThis.fetch;
globalThis.fetch = function benchFetch(...args) {
  sample();
  lastFetchAtMs = performance.now();
  if (gcAtFetch) {
    globalThis.gc();
    live.push(process.memoryUsage().heapUsed);
  }
  return realFetch.apply(this, args);
};

process.on('exit', () => {
  sample();
  if (!out) return;
  writeFileSync(
    out,
    JSON.stringify({
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      peakHeapSampled,
      peakAtMs,
      lastFetchAtMs,
      exitAtMs: performance.now(),
      heapAtExit: process.memoryUsage().heapUsed,
      liveHeapAtRequests: live,
    }),
  );
});
