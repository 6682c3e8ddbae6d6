// Preloaded with `node -r` (CommonJS: cheaper than an ESM --import) into a child whose cost is
// measured: at exit, writes the process's own CPU time (user + system, µs) and peak RSS (the
// kernel's maxRSS) to BENCH_RUSAGE_OUT. The bench runs `node -e 0` with the same hook, so the
// hook's own (tiny) cost is in the floor too and cancels out of "CPU beyond the floor".
//
// It also takes the CPU the process spent while each HTTP request was in flight — from the
// moment the request was handed to the OS ('finish') to its answer's head ('response.finish'
// channel), in the order the answers came — so the bench can tell the CPU that overlapped a
// round trip from the CPU beyond the round trips (SPEC "Targets": own CPU ≤ 40 ms beyond the
// round trips).
'use strict';
const out = process.env.BENCH_RUSAGE_OUT;
if (out) {
  const cpuUs = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const inFlightCpuUs = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload
  const dc = require('node:diagnostics_channel');
  const sentAt = new WeakMap();
  dc.subscribe('http.client.request.start', ({ request }) => {
    request.once('finish', () => sentAt.set(request, cpuUs()));
  });
  dc.subscribe('http.client.response.finish', ({ request }) => {
    const at = sentAt.get(request);
    if (at === undefined) return;
    inFlightCpuUs.push(cpuUs() - at);
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
        inFlightCpuUs,
        maxRssBytes: hwm ?? u.maxRSS * 1024,
        getrusageMaxRssBytes: u.maxRSS * 1024,
        exitMs: performance.now(),
      }),
    );
  });
}
