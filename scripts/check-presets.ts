// Run by scripts/package.mjs before it writes presets.json: every built-in preset must be valid,
// since the bundles take presets.json as validated (src/config/presets.ts) and do not run the
// schema over it at start. Exits 1 with the problems otherwise. Prints, as JSON, the presets'
// label globs compiled (src/label-glob.ts), which presets.json carries as `$label-globs`.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { labelGlobLists } from '../src/config/globs.js';
import { presetLayerFromData } from '../src/config/layer.js';
import { PRESET_NAMES, presetsDirectory } from '../src/config/presets.js';
import { precompileLabelGlobs } from '../src/label-glob.js';

let bad = 0;
const globs: string[] = [];
const dir = presetsDirectory();
for (const name of PRESET_NAMES) {
  const text = readFileSync(`${dir}/${name}.yml`, 'utf8');
  const spec = { text, file: `rules/${name}.yml`, label: name, dir, kind: 'preset' as const };
  const data = parse(text) as Record<string, unknown>;
  const { problems } = presetLayerFromData(spec, data);
  for (const p of problems) {
    bad++;
    process.stderr.write(`${p.file}:${p.line}:${p.column} ${p.message}\n`);
  }
  for (const { globs: list } of labelGlobLists(data))
    if (Array.isArray(list)) globs.push(...list.filter((g) => typeof g === 'string'));
}
if (bad) process.exitCode = 1;
else process.stdout.write(JSON.stringify(precompileLabelGlobs(globs)));
