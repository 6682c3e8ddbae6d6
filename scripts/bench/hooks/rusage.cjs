// Preloaded with `node -r` (CommonJS: cheaper than an ESM --import) into a child whose cost is
// measured: at exit, writes the process's own CPU time (user + system, µs) and peak RSS (the
// kernel's maxRSS) to BENCH_RUSAGE_OUT. The bench runs `node -e 0` with the same hook, so the
// hook's loading is in the floor too and cancels out of "CPU beyond the floor" (its work per
// request, a few µs, is the step's alone).
//
// For each request it also takes the CPU the process spent while the request was in flight —
// from the moment it was handed to the OS ('finish') to its answer's head being read
// ('http.client.response.finish' channel) — with the answer's request id and the wall time the
// head was read, so the bench can tell what of that CPU its round trip hid (issue-event.ts).
'use strict';
const out = process.env.BENCH_RUSAGE_OUT;
if (out) {
  const cpuUs = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const answers = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload
  const dc = require('node:diagnostics_channel');
  const sentAt = new WeakMap();
  dc.subscribe('http.client.request.start', ({ request }) => {
    request.once('finish', () => sentAt.set(request, cpuUs()));
  });
  dc.subscribe('http.client.response.finish', ({ request, response }) => {
    const at = sentAt.get(request);
    if (at === undefined) return;
    answers.push({
      requestId: response.headers['x-github-request-id'] ?? null,
      inFlightCpuUs: cpuUs() - at,
      headReadAt: Date.now(),
    });
  });
  process.on('exit', () => {
    const u = process.resourceUsage();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload
    const fs = require('node:fs');
    let hwm = null;
    try {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
      if (m) hwm = Number(m[1]) * 1024;
    } catch {
      // not Linux: maxRSS
    }
    fs.writeFileSync(
      out,
      JSON.stringify({
        userUs: u.userCPUTime,
        systemUs: u.systemCPUTime,
        answers,
        maxRssBytes: hwm ?? u.maxRSS * 1024,
        getrusageMaxRssBytes: u.maxRSS * 1024,
        exitMs: performance.now(),
      }),
    );
  });
}
