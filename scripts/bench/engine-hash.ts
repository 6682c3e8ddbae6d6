// Prints a hash of the engine's whole result over the bench's generated issues (behaviour check).
import { createHash } from 'node:crypto';
import { parseConfig } from '../../src/config/index.js';
import { Linter } from '../../src/engine/index.js';
import { BACKLOG_CONFIG, generateFacts, TEAM } from './data.js';
const config = parseConfig(BACKLOG_CONFIG, '.github/backlog-lint.yml');
const teams = { [`@${TEAM.org}/${TEAM.slug}`]: TEAM.members };
const facts = generateFacts(Number(process.argv[2] ?? 100_000));
// In order (two page sizes), and out of order (the engine sorts at the end).
const shuffled = facts
  .map((f, i) => ({ f, k: (i * 7919) % facts.length }))
  .sort((a, b) => a.k - b.k);
for (const [page, issues] of [
  [100, facts],
  [37, facts],
  [100, shuffled.map((x) => x.f)],
] as const) {
  const linter = new Linter({ config, teams, today: '2026-12-03', scope: 'backlog' });
  for (let s = 0; s < issues.length; s += page) linter.add(issues.slice(s, s + page));
  const r = linter.finish();
  console.log(
    page,
    r.findings.length,
    createHash('sha256').update(JSON.stringify(r)).digest('hex'),
  );
}
