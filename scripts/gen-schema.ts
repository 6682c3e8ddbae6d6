// Writes schema/backlog-lint.schema.json from the config's zod schema (`npm run schema`).
// Formatted with the repository's prettier config so `prettier --check .` stays clean;
// tests/config compares the committed file with a fresh build.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { buildJsonSchema } from '../src/config/json-schema.js';

const file = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../schema/backlog-lint.schema.json',
);
const options = (await prettier.resolveConfig(file)) ?? {};
const text = await prettier.format(JSON.stringify(buildJsonSchema()), {
  ...options,
  filepath: file,
});
writeFileSync(file, text);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
