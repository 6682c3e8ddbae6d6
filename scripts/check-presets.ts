// Run by scripts/package.mjs before it writes presets.json: every built-in preset must be valid,
// since the bundles take presets.json as validated (src/config/presets.ts) and do not run the
// schema over it at start. Exits 1 with the problems otherwise.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { presetLayerFromData } from '../src/config/layer.js';
import { PRESET_NAMES, presetsDirectory } from '../src/config/presets.js';

let bad = 0;
const dir = presetsDirectory();
for (const name of PRESET_NAMES) {
  const text = readFileSync(`${dir}/${name}.yml`, 'utf8');
  const spec = { text, file: `rules/${name}.yml`, label: name, dir, kind: 'preset' as const };
  const { problems } = presetLayerFromData(spec, parse(text));
  for (const p of problems) {
    bad++;
    process.stderr.write(`${p.file}:${p.line}:${p.column} ${p.message}\n`);
  }
}
process.exitCode = bad ? 1 : 0;
