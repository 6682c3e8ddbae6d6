// The effective-config printout and team slugs.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  defaultConfig,
  formatEffectiveConfig,
  loadPreset,
  parseConfig,
  teamSlugs,
} from '../../src/config/index.js';
import type { ResolvedConfig } from '../../src/types.js';
import { parse, yaml } from './helpers.js';

const custom = (): ResolvedConfig =>
  parse(
    yaml`
      extends: [strict, ./base.yml]
      roles:
        product:
          members: [alice, "@Acme/Product-Managers"]
          default-assignee: alice
        design:
          members: [dana, "@acme/design"]
          label: "owner: design"
      types:
        pricing: null
        mockup:
          owner: design
          description: "Mock-ups: screens, flows"
          labels: ["mockup*", "design: *"]
          title-prefixes: ["[Mockup]"]
      rules:
        owner-capacity: [warning, { max: 3 }]
        type-required: off
      ignore:
        authors: ["renovate[bot]"]
        issues: [7]
    `,
    { '.github/base.yml': 'roles:\n  project:\n    members: [bob, "@acme/product-managers"]\n' },
  );

describe('formatEffectiveConfig', () => {
  it.each([
    ['recommended', defaultConfig],
    ['strict', () => loadPreset('strict')],
    ['a config with extends, removals and custom roles', custom],
  ])('%s round-trips through parseConfig', (_, make) => {
    const config = make();
    const reparsed = parseConfig(formatEffectiveConfig(config), 'effective.yml');
    // Printed self-contained (`extends: []`); everything else is identical.
    expect(reparsed).toEqual({ ...config, extends: [] });
  });

  it('uses the file format’s key names and says what was merged', () => {
    const text = formatEffectiveConfig(custom());
    expect(text).toMatch(
      /^# Effective backlog-lint config\. Extended: recommended, strict, \S*base\.yml;/,
    );
    for (const key of ['default-assignee:', 'title-prefixes:', 'issue-types:', 'extends: []']) {
      expect(text).toContain(key);
    }
    expect(text).not.toMatch(/defaultAssignee|titlePrefixes|issueTypes/);
    const data = parseYaml(text) as Record<string, Record<string, unknown>>;
    expect(data.rules!['owner-capacity']).toEqual(['warning', { max: 3 }]);
    expect(data.rules!['type-required']).toEqual(['off', { 'ignore-labels': [] }]);
    expect(data.types!.mockup).toEqual({
      owner: 'design',
      description: 'Mock-ups: screens, flows',
      labels: ['mockup*', 'design: *'],
      'title-prefixes': ['[Mockup]'],
      'issue-types': [],
    });
  });
});

describe('teamSlugs', () => {
  it('lists every @org/team member once, lower-cased, in config order', () => {
    expect(teamSlugs(custom())).toEqual(['@acme/product-managers', '@acme/design']);
  });

  it('is empty when roles list logins only', () => {
    expect(teamSlugs(defaultConfig())).toEqual([]);
    expect(teamSlugs(parseConfig('roles:\n  product:\n    members: [alice]\n', 'c.yml'))).toEqual(
      [],
    );
  });
});
