// Preloaded into a measured child (`node --import ./bench/rss-probe.mjs ...`) when /usr/bin/time is
// not available: on exit, writes the process's peak RSS (KiB) and CPU time (s) to $ASSUME_BENCH_PROBE.
import { writeFileSync } from 'node:fs';

const out = process.env.ASSUME_BENCH_PROBE;
if (out) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKiB: r.maxRSS, cpuS: (r.userCPUTime + r.systemCPUTime) / 1e6 }));
  });
}
