/**
 * Loaded with `node --import` into the process `bench/report.bench.mjs` measures: on exit,
 * writes the process's peak resident set size (bytes) and CPU time to $BENCH_RSS_OUT.
 */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  const out = process.env.BENCH_RSS_OUT;
  if (out)
    writeFileSync(
      out,
      JSON.stringify({
        maxRssBytes: u.maxRSS * 1024,
        userCpuMs: u.userCPUTime / 1000,
        systemCpuMs: u.systemCPUTime / 1000,
      }),
    );
});
