// Prints a hash of the engine's whole result over the bench's generated issues (behaviour check).
import { createHash } from 'node:crypto';
import { parseConfig } from '../../src/config/index.js';
import { Linter } from '../../src/engine/index.js';
import { BACKLOG_CONFIG, generateFacts, TEAM } from './data.js';
const config = parseConfig(BACKLOG_CONFIG, '.github/backlog-lint.yml');
const teams = { [`@${TEAM.org}/${TEAM.slug}`]: TEAM.members };
const issues = generateFacts(Number(process.argv[2] ?? 100_000));
for (const page of [100, 37]) {
  const linter = new Linter({ config, teams, today: '2026-12-03', scope: 'backlog' });
  for (let s = 0; s < issues.length; s += page) linter.add(issues.slice(s, s + page));
  const r = linter.finish();
  console.log(page, r.findings.length, createHash('sha256').update(JSON.stringify(r)).digest('hex'));
}
