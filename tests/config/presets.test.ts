// The built-in presets as data: they load, encode SPEC's product/project taxonomy completely
// and without overlaps, and set every rule's severity.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultConfig, loadPreset, PRESET_NAMES } from '../../src/config/index.js';
import { RULES } from '../../src/rules/index.js';
import { classify } from '../../src/engine/index.js';
import { wordKey } from '../../src/engine/vocabulary.js';
import { ruleIds } from '../../src/rules/index.js';
import type { ResolvedConfig } from '../../src/types.js';

// SPEC "What it is", verbatim.
const SPEC_RESPONSIBILITIES = {
  product: [
    'strategy',
    'vision',
    'roadmap',
    'features',
    'releases',
    'go-to-market',
    'market research',
    'customer feedback',
    'KPIs',
    'pricing / profit and loss',
    'ideation',
    'organizational training',
  ],
  project: [
    'schedule',
    'budget',
    'resources',
    'capacity',
    'risks',
    'dependencies and blockers',
    'status updates',
    'scope',
    'delivery and milestones',
    'cross-team coordination',
    'quality control',
    'closure',
  ],
};

const RULES_DIR = path.resolve('rules');

interface PresetType {
  owner: string;
  covers?: string[];
}
const recommendedData = parseYaml(
  readFileSync(path.join(RULES_DIR, 'recommended.yml'), 'utf8'),
) as {
  types: Record<string, PresetType>;
  rules: Record<string, string>;
};

/** Every label glob, title prefix and issue type of a role's types. */
function identifiersOf(config: ResolvedConfig, role: string) {
  const types = Object.values(config.types).filter((t) => t.owner === role);
  return {
    words: types.flatMap((t) => [...(t.words ?? []), ...(t.synonyms ?? [])].map(wordKey)),
    labels: types.flatMap((t) => t.labels),
    prefixes: types.flatMap((t) => t.titlePrefixes.map((p) => p.toLowerCase())),
    issueTypes: types.flatMap((t) => t.issueTypes.map((p) => p.toLowerCase())),
  };
}

/** A label the glob matches: `cost*` → `cost`, each `?` → one letter. */
const sampleOf = (glob: string): string => glob.replace(/\*/g, '').replace(/\?/g, 'x');
const matchers = new Map<string, (label: string) => boolean>();
function matches(label: string, glob: string): boolean {
  let matcher = matchers.get(glob);
  if (!matcher) matchers.set(glob, (matcher = picomatch(glob, { nocase: true })));
  return matcher(label);
}

describe('presets', () => {
  it('PRESET_NAMES lists exactly the files in rules/', () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => f.replace(/\.yml$/, ''));
    expect([...PRESET_NAMES].sort()).toEqual(files.sort());
  });

  it.each(PRESET_NAMES)('preset %s loads with every rule and both roles', (name) => {
    const config = loadPreset(name);
    expect(Object.keys(config.rules).sort()).toEqual([...ruleIds()].sort());
    expect(Object.keys(config.roles)).toEqual(['product', 'project']);
    expect(Object.keys(config.types).length).toBeGreaterThan(10);
  });

  it('defaultConfig() is the recommended preset, and callers get their own copy', () => {
    const config = defaultConfig();
    expect(config).toEqual(loadPreset('recommended'));
    expect(config.extends).toEqual(['recommended']);
    config.roles.product!.members.push('mallory');
    config.rules['owner-role']!.severity = 'off';
    expect(defaultConfig().roles.product!.members).toEqual([]);
    expect(defaultConfig().rules['owner-role']!.severity).toBe('error');
  });

  it('roles have no members and carry the ownership labels', () => {
    expect(defaultConfig().roles).toEqual({
      product: { members: [], label: 'owner: product', defaultAssignee: null },
      project: { members: [], label: 'owner: project', defaultAssignee: null },
    });
  });
});

describe('recommended preset: the product/project taxonomy', () => {
  const config = defaultConfig();

  it.each(Object.entries(SPEC_RESPONSIBILITIES))(
    'every %s responsibility of SPEC is covered by a type of that role only',
    (role, responsibilities) => {
      for (const responsibility of responsibilities) {
        const covering = Object.entries(recommendedData.types).filter(([, t]) =>
          t.covers?.includes(responsibility),
        );
        expect(covering.length, `"${responsibility}" is covered`).toBeGreaterThan(0);
        for (const [name, type] of covering) {
          expect(type.owner, `type ${name} covering "${responsibility}"`).toBe(role);
        }
      }
    },
  );

  it('every type covers at least one SPEC responsibility, spelt as in SPEC', () => {
    const known = [...SPEC_RESPONSIBILITIES.product, ...SPEC_RESPONSIBILITIES.project];
    for (const [name, type] of Object.entries(recommendedData.types)) {
      expect(type.covers?.length, `type ${name}`).toBeGreaterThan(0);
      for (const covered of type.covers ?? []) expect(known).toContain(covered);
    }
  });

  it('every type identifies issues by words, title prefixes and GitHub issue types', () => {
    for (const [name, type] of Object.entries(config.types)) {
      expect(type.words?.length, name).toBeGreaterThan(0);
      expect(type.titlePrefixes.length, name).toBeGreaterThan(0);
      expect(type.issueTypes.length, name).toBeGreaterThan(0);
      expect(type.description, name).toBeTruthy();
    }
  });

  it('no label is claimed by types of both roles, globs included', () => {
    const product = identifiersOf(config, 'product').labels;
    const project = identifiersOf(config, 'project').labels;
    const clashes = product.flatMap((a) =>
      project
        .filter((b) => matches(sampleOf(b), a) || matches(sampleOf(a), b))
        .map((b) => `${a} ~ ${b}`),
    );
    expect(clashes).toEqual([]);
  });

  it('no word or synonym belongs to types of both roles', () => {
    const product = identifiersOf(config, 'product').words;
    const project = identifiersOf(config, 'project').words;
    expect(product.filter((w) => project.includes(w))).toEqual([]);
  });

  it('no title prefix of one role starts a title prefix of the other', () => {
    const product = identifiersOf(config, 'product').prefixes;
    const project = identifiersOf(config, 'project').prefixes;
    const clashes = product.flatMap((a) =>
      project.filter((b) => a.startsWith(b) || b.startsWith(a)).map((b) => `${a} ~ ${b}`),
    );
    expect(clashes).toEqual([]);
  });

  it('no GitHub issue type belongs to both roles', () => {
    const product = identifiersOf(config, 'product').issueTypes;
    const project = identifiersOf(config, 'project').issueTypes;
    expect(product.filter((t) => project.includes(t))).toEqual([]);
  });

  it('the ownership labels are not type labels', () => {
    const globs = Object.values(config.types).flatMap((t) => t.labels);
    for (const role of Object.values(config.roles)) {
      expect(globs.filter((g) => matches(role.label!, g))).toEqual([]);
    }
  });

  it('spells out the severity of every rule, equal to the rule module default', () => {
    expect(Object.keys(recommendedData.rules).sort()).toEqual([...ruleIds()].sort());
    for (const rule of RULES) {
      expect(recommendedData.rules[rule.id], rule.id).toBe(rule.defaultSeverity);
      expect(config.rules[rule.id]!.severity, rule.id).toBe(rule.defaultSeverity);
    }
  });

  it('rule options are the modules’ defaults', () => {
    for (const rule of RULES) {
      expect(config.rules[rule.id]!.options, rule.id).toEqual(rule.options.parse({}));
    }
    expect(config.rules['milestone-required']!.options).toEqual({
      'ignore-labels': [],
      roles: ['project'],
    });
  });

  it('ignores only issues labelled as not being work', () => {
    expect(config.ignore).toEqual({
      labels: ['duplicate', 'invalid', 'wontfix', "won't fix", 'spam'],
      authors: [],
      issues: [],
      issueTypes: [],
    });
  });

  it('files bugs under project quality control and features under product', () => {
    const ownerOfLabel = (label: string) =>
      classify({ labels: [label], title: 'x', issueType: null }, config).roles;
    expect(ownerOfLabel('bug')).toEqual(['project']);
    expect(ownerOfLabel('Type: Feature')).toEqual(['product']);
    expect(ownerOfLabel('enhancement')).toEqual(['product']);
    expect(ownerOfLabel('cost center')).toEqual(['project']);
    expect(ownerOfLabel('roadmap 2025')).toEqual(['product']);
    expect(ownerOfLabel('dependencies')).toEqual([]);
    expect(ownerOfLabel('risk: high')).toEqual([]);
    expect(ownerOfLabel('type: risk')).toEqual(['project']);
  });

  it("types GitHub's default issue types: Task (project), Bug (project), Feature (product)", () => {
    const ownerOf = (issueType: string) =>
      classify({ labels: [], title: 'x', issueType }, config).roles;
    expect(ownerOf('Task')).toEqual(['project']);
    expect(ownerOf('Bug')).toEqual(['project']);
    expect(ownerOf('Feature')).toEqual(['product']);
  });
});

describe('strict preset', () => {
  it('is recommended with every rule at error', () => {
    const strict = loadPreset('strict');
    const recommended = defaultConfig();
    expect(strict.extends).toEqual(['recommended', 'strict']);
    expect(strict.types).toEqual(recommended.types);
    expect(strict.roles).toEqual(recommended.roles);
    for (const id of ruleIds()) {
      expect(strict.rules[id]).toEqual({ ...recommended.rules[id], severity: 'error' });
    }
  });
});
