// The bundles read presets pre-parsed from presets.json (scripts/package.mjs); the result must
// be the very layer the YAML gives, with positions still available on demand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { labelGlobLists } from '../../src/config/globs.js';
import { parseLayer, presetLayerFromData } from '../../src/config/layer.js';
import { PRESET_NAMES, presetsDirectory } from '../../src/config/presets.js';
import { precompileLabelGlobs } from '../../src/label-glob.js';

describe('presets pre-parsed at build time', () => {
  for (const name of PRESET_NAMES) {
    it(`${name}: same layer as parsing the YAML`, () => {
      const dir = presetsDirectory();
      const text = readFileSync(`${dir}/${name}.yml`, 'utf8');
      const spec = { text, file: `rules/${name}.yml`, label: name, dir, kind: 'preset' as const };
      const fromYaml = parseLayer(spec);
      const fromData = presetLayerFromData(spec, parse(text));
      expect(fromData.problems).toEqual([]);
      expect(fromData.layer?.raw).toEqual(fromYaml.layer?.raw);
      expect(fromData.layer?.source.positionOf(['rules'], 'key')).toEqual(
        fromYaml.layer?.source.positionOf(['rules'], 'key'),
      );
    });
  }

  it('bad data falls back to the YAML so problems carry positions', () => {
    const spec = {
      text: 'rules:\n  owner-rol: error\n',
      file: 'rules/x.yml',
      label: 'x',
      dir: '.',
      kind: 'preset' as const,
    };
    const { problems } = presetLayerFromData(spec, parse(spec.text));
    expect(problems[0]).toMatchObject({ file: 'rules/x.yml', line: 2, column: 3 });
  });

  it("presets.json carries the presets' label globs compiled as the source compiles them now", () => {
    const globs = PRESET_NAMES.flatMap((name) => {
      const data = parse(readFileSync(`${presetsDirectory()}/${name}.yml`, 'utf8')) as Record<
        string,
        unknown
      >;
      return labelGlobLists(data).flatMap(({ globs: list }) =>
        Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string') : [],
      );
    });
    expect(globs).toContain('cost*');
    for (const bundle of ['dist', 'dist/cli', 'dist/api']) {
      const shipped = JSON.parse(
        readFileSync(new URL(`../../${bundle}/presets.json`, import.meta.url), 'utf8'),
      ) as Record<string, unknown>;
      expect(shipped['$label-globs'], bundle).toEqual(precompileLabelGlobs(globs));
    }
  });
});
