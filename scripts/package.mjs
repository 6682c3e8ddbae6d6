// Builds the committed bundles with ncc: the action (dist/index.js) and the CLI
// (dist/cli/index.js), each with presets.json: rules/*.yml parsed at build time so the
// action's cold start does not pay for the YAML parser (the YAML stays the source of truth).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build'];
rmSync('dist', { recursive: true, force: true });
const run = (entry, out) =>
  execFileSync(
    process.execPath,
    [...ncc, entry, '-o', out, '--license', 'licenses.txt', '--quiet'],
    { stdio: 'inherit' },
  );
run('src/main.ts', 'dist');
run('src/cli.ts', 'dist/cli');

const presets = {};
for (const f of readdirSync('rules')
  .filter((f) => f.endsWith('.yml'))
  .sort()) {
  presets[f.slice(0, -4)] = parse(readFileSync(`rules/${f}`, 'utf8'));
}
const json = JSON.stringify(presets) + '\n';
writeFileSync('dist/presets.json', json);
writeFileSync('dist/cli/presets.json', json);
