// Imports a bundle and reports how long the import took (compile + evaluation of the module
// graph). Run with GITHUB_REPOSITORY unset so the action's run() stops at once.
// Usage: node import-time.mjs BUNDLE OUT.json
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, out] = process.argv.slice(2);
const bootMs = performance.now();
await import(pathToFileURL(bundle).href);
const importMs = performance.now() - bootMs;
writeFileSync(out, JSON.stringify({ bootMs, importMs }));
