// Builds the committed bundles with ncc: the action (dist/index.js) and the CLI (dist/cli/index.js).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build'];
rmSync('dist', { recursive: true, force: true });
const run = (entry, out) =>
  execFileSync(
    process.execPath,
    [...ncc, entry, '-o', out, '--license', 'licenses.txt', '--quiet'],
    {
      stdio: 'inherit',
    },
  );
run('src/main.ts', 'dist');
run('src/cli.ts', 'dist/cli');
