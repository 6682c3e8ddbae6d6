#!/usr/bin/env node
// The `backlog-lint` command: runs the committed CLI bundle, so a fresh clone works after
// `npm ci` with no build step. The source is src/cli.ts; `npm run package` rebuilds it.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'backlog-lint: the CLI bundle dist/cli/index.js is missing; run `npm run package` to build it\n',
  );
  process.exit(2);
}
await import(bundle.href);
