// Prices the backlog query's page shapes with GitHub's documented rate-limit formula, as the
// API emulator implements it (tests/emulator/graphql.ts `analyze`: the requests each
// connection needs at its `first`, summed, / 100, rounded, at least 1), on the real query
// text with the page size and the nested `first`s changed. README "GraphQL cost".
//
//   npx tsx scripts/graphql-cost.ts
import { backlogQuery } from '../src/github/queries.js';
import { analyze, githubSchema } from '../tests/emulator/graphql.js';

const { schema } = githubSchema();
const vars = { owner: 'o', name: 'r', after: null };

function shape(pageSize: number, labels: number, assignees: number): string {
  return backlogQuery({ viewerDidAuthor: true })
    .replace('issues(first: 100,', `issues(first: ${pageSize},`)
    .replace('labels(first: 100)', `labels(first: ${labels})`)
    .replace('assignees(first: 100)', `assignees(first: ${assignees})`);
}

const rows: string[] = [
  '| page size | labels / assignees `first` | points per page | pages per 1,000 issues | points per 1,000 issues | nodes per page |',
  '| --- | --- | --- | --- | --- | --- |',
];
for (const [n, k, a] of [
  [100, 100, 100],
  [100, 20, 10],
  [75, 100, 100],
  [74, 100, 100],
  [50, 100, 100],
  [49, 100, 100],
] as const) {
  const r = analyze(schema, shape(n, k, a), vars, 'BacklogLintBacklog');
  if (r.errors.length > 0) throw new Error(r.errors.map((e) => e.message).join('; '));
  const pages = Math.ceil(1000 / n);
  rows.push(
    `| ${n} | ${k} / ${a} | ${r.cost} | ${pages} | ${pages * r.cost} | ${r.nodeCount.toLocaleString('en-US')} |`,
  );
}
console.log(rows.join('\n'));
