// Preloaded with `node -r` (CommonJS: cheaper than an ESM --import) into a child whose cost is
// measured: at exit, writes the process's own CPU time (user + system, µs) and peak RSS (the
// kernel's maxRSS) to BENCH_RUSAGE_OUT. The bench runs `node -e 0` with the same hook, so the
// hook's own (tiny) cost is in the floor too and cancels out of "CPU beyond the floor".
'use strict';
const out = process.env.BENCH_RUSAGE_OUT;
if (out)
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
        maxRssBytes: hwm ?? u.maxRSS * 1024,
        getrusageMaxRssBytes: u.maxRSS * 1024,
        exitMs: performance.now(),
      }),
    );
  });
