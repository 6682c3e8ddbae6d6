// `extends`: presets and relative files, merged in order under the documented semantics.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig, loadConfigFile, loadPreset, parseConfig } from '../../src/config/index.js';
import { RULES } from '../../src/rules/index.js';
import { ConfigError } from '../../src/types.js';
import {
  CONFIG_FILE,
  parse,
  problemAbout,
  problemsOf,
  REPO,
  SPEC_EXAMPLE,
  where,
  yaml,
} from './helpers.js';

describe('which layers are merged', () => {
  it('no `extends` means the recommended preset', () => {
    expect(parse('version: 1\n')).toEqual(defaultConfig());
    expect(parse('')).toEqual(defaultConfig());
  });

  it('`extends: []` means nothing: no roles or types, rules at their module defaults', () => {
    const config = parse('extends: []\n');
    expect(config.extends).toEqual([]);
    expect(config.roles).toEqual({});
    expect(config.types).toEqual({});
    expect(config.ignore).toEqual({ labels: [], authors: [], issues: [], issueTypes: [] });
    for (const rule of RULES) {
      expect(config.rules[rule.id]).toEqual({
        severity: rule.defaultSeverity,
        options: rule.options.parse({}),
      });
    }
  });

  it('a preset by name, with the presets it extends', () => {
    const config = parse('extends: strict\n');
    expect(config.extends).toEqual(['recommended', 'strict']);
    expect(config).toEqual(loadPreset('strict'));
  });

  it('a relative file, resolved against the config file’s directory', () => {
    const read: string[] = [];
    const config = parseConfig('extends: [recommended, ./base.yml]\n', CONFIG_FILE, {
      baseDir: path.join(REPO, '.github'),
      readFile: (absPath) => {
        read.push(absPath);
        return 'roles:\n  product:\n    members: [alice]\n';
      },
    });
    expect(read).toEqual([path.join(REPO, '.github', 'base.yml')]);
    expect(config.extends).toEqual(['recommended', path.join('.github', 'base.yml')]);
    expect(config.roles.product?.members).toEqual(['alice']);
    expect(config.roles.product?.label).toBe('owner: product');
  });

  it('files extended by files resolve against their own directory', () => {
    const config = parse('extends: ./team/base.yml\n', {
      '.github/team/base.yml': 'extends: [recommended, ../../shared/roles.yml]\n',
      'shared/roles.yml': 'roles:\n  project:\n    members: [bob]\n',
    });
    expect(config.extends).toEqual([
      'recommended',
      path.join('shared', 'roles.yml'),
      path.join('.github', 'team', 'base.yml'),
    ]);
    expect(config.roles.project?.members).toEqual(['bob']);
  });

  it('an extended file without `extends` extends nothing (it does not re-apply recommended)', () => {
    const config = parse('extends: [strict, ./base.yml]\n', {
      '.github/base.yml': 'roles:\n  product:\n    members: [alice]\n',
    });
    expect(config.rules['owner-unknown']!.severity).toBe('error');
    expect(config.extends).toEqual(['recommended', 'strict', path.join('.github', 'base.yml')]);
  });

  it('a missing file: at the extends entry, saying where it looked', () => {
    const problems = problemsOf('extends:\n  - recommended\n  - ./nope.yml\n');
    expect(problems).toHaveLength(1);
    expect(where(problems[0]!)).toBe(`${CONFIG_FILE}:3:5`);
    expect(problems[0]!.message).toBe(
      `cannot read extended file \`./nope.yml\` (${path.join(REPO, '.github', 'nope.yml')})`,
    );
    expect(problems[0]!.hint).toBe(
      `check the path; it is relative to the directory of ${CONFIG_FILE}`,
    );
  });

  it('a cycle between files: at the entry that closes it', () => {
    const problems = problemsOf('extends: ./a.yml\n', {
      '.github/a.yml': 'extends: [recommended, ./b.yml]\n',
      '.github/b.yml': 'version: 1\nextends: ./a.yml\n',
    });
    const cycle = problemAbout(problems, 'extends cycle');
    expect(where(cycle)).toBe(`${path.join('.github', 'b.yml')}:2:10`);
    expect(cycle.message).toBe(
      `extends cycle: ${['a.yml', 'b.yml', 'a.yml'].map((f) => path.join('.github', f)).join(' → ')}`,
    );
  });

  it('a config that extends itself', () => {
    const problems = problemsOf('extends: ./backlog-lint.yml\n');
    expect(problemAbout(problems, 'extends cycle').message).toBe(
      `extends cycle: ${CONFIG_FILE} → ${path.join('.github', 'backlog-lint.yml')}`,
    );
  });

  it('problems inside an extended file are reported in that file', () => {
    const problems = problemsOf('extends: [recommended, ./base.yml]\n', {
      '.github/base.yml': yaml`
        roles:
          design:
            members: [dana]
        types:
          mockup:
            owner: desing
      `,
    });
    const problem = problemAbout(problems, '`desing`');
    expect(where(problem)).toBe(`${path.join('.github', 'base.yml')}:6:12`);
    expect(problem.hint).toMatch(/^did you mean `design`\?/);
  });

  it('a type in a base file may be owned by a role the config file defines', () => {
    const config = parse('extends: ./base.yml\nroles:\n  design:\n    members: [dana]\n', {
      '.github/base.yml': 'types:\n  mockup:\n    owner: design\n    labels: [mockup]\n',
    });
    expect(config.types.mockup?.owner).toBe('design');
  });

  it('a missing preset stops cross-file checks, so there is one problem and no echoes', () => {
    const problems = problemsOf('extends: recomended\ntypes:\n  budget:\n    owner: project\n');
    expect(problems.map((p) => p.message)).toEqual(['unknown preset `recomended` in extends']);
  });
});

describe('merge semantics', () => {
  it('roles: each given field replaces, others are kept; null clears label', () => {
    const config = parse(SPEC_EXAMPLE);
    expect(config.roles).toEqual({
      product: {
        members: ['alice', '@acme/PMs'],
        label: 'owner: product',
        defaultAssignee: 'alice',
      },
      project: { members: [], label: null, defaultAssignee: null },
      design: { members: [], label: null, defaultAssignee: null },
    });
  });

  it('types: given fields replace (lists are not appended), others are kept', () => {
    const recommended = defaultConfig().types.budget!;
    const config = parse(yaml`
      types:
        budget:
          labels: [budget, "cost*"]
          issue-types: [Budget, Cost]
    `);
    expect(config.types.budget).toEqual({
      ...recommended,
      labels: ['budget', 'cost*'],
      issueTypes: ['Budget', 'Cost'],
    });
  });

  it('types: `name: null` removes an inherited type; new types are added', () => {
    const config = parse(yaml`
      types:
        pricing: null
        spike:
          owner: project
          title-prefixes: ["[Spike]"]
    `);
    expect(config.types.pricing).toBeUndefined();
    expect(config.types.spike).toEqual({
      owner: 'project',
      labels: [],
      titlePrefixes: ['[Spike]'],
      issueTypes: [],
    });
    expect(Object.keys(config.types)).toHaveLength(Object.keys(defaultConfig().types).length);
  });

  it('rules: severity replaced; options merged key by key over earlier layers and defaults', () => {
    const config = parse('extends: ./base.yml\nrules:\n  single-owner: [error, { max: 3 }]\n', {
      '.github/base.yml': yaml`
        extends: recommended
        rules:
          single-owner: [notice, { ignore-labels: [epic] }]
          owner-capacity: [warning, { max: 4 }]
      `,
    });
    expect(config.rules['single-owner']).toEqual({
      severity: 'error',
      options: { 'ignore-labels': ['epic'], max: 3 },
    });
    expect(config.rules['owner-capacity']).toEqual({ severity: 'warning', options: { max: 4 } });
  });

  it('rules: a bare severity keeps options set by an earlier layer', () => {
    const config = parse('extends: ./base.yml\nrules:\n  owner-capacity: off\n', {
      '.github/base.yml': 'rules:\n  owner-capacity: [warning, { max: 4 }]\n',
    });
    expect(config.rules['owner-capacity']).toEqual({ severity: 'off', options: { max: 4 } });
  });

  it('ignore: lists appended across layers without duplicates', () => {
    const config = parse(yaml`
      ignore:
        labels: [Duplicate, question]
        authors: ["dependabot[bot]"]
        issues: [1, 42]
        issue-types: [Task, task, Discussion]
    `);
    expect(config.ignore).toEqual({
      labels: ['duplicate', 'invalid', 'wontfix', "won't fix", 'spam', 'question'],
      authors: ['dependabot[bot]'],
      issues: [1, 42],
      issueTypes: ['Task', 'Discussion'],
    });
  });

  it('empty sections are allowed (every entry commented out)', () => {
    expect(parse('roles:\ntypes:\nrules:\nignore:\n')).toEqual(defaultConfig());
  });

  it('the SPEC example config', () => {
    const config = parse(yaml`
      version: 1
      extends: recommended
      roles:
        product:
          members: [alice, "@acme/product-managers"]
          label: "owner: product"
          default-assignee: alice
        project:
          members: [bob, carol]
          label: "owner: project"
      types:
        budget:
          owner: project
          labels: [budget, "type: budget", "cost*"]
          title-prefixes: ["[Budget]"]
          issue-types: [Budget]
      rules:
        owner-role: error
        owner-required: [warning, { ignore-labels: [needs-triage] }]
        milestone-required: [warning, { roles: [project] }]
        owner-capacity: [notice, { max: 10 }]
      ignore:
        labels: [duplicate, wontfix]
        authors: ["dependabot[bot]"]
        issues: [1, 42]
    `);
    expect(config.roles.project).toEqual({
      members: ['bob', 'carol'],
      label: 'owner: project',
      defaultAssignee: null,
    });
    expect(config.types.budget?.titlePrefixes).toEqual(['[Budget]']);
    expect(config.rules['owner-required']!.options).toEqual({ 'ignore-labels': ['needs-triage'] });
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file and the files it extends from disk', () => {
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, 'shared.yml'), 'roles:\n  project:\n    members: [bob]\n');
    const file = path.join(dir, '.github', 'backlog-lint.yml');
    writeFileSync(file, 'extends: [recommended, ../shared.yml]\n');
    expect(loadConfigFile(file).roles.project?.members).toEqual(['bob']);
  });

  it('a file that cannot be read is a ConfigError naming it', () => {
    const file = path.join(dir, 'missing.yml');
    expect(() => loadConfigFile(file)).toThrow(ConfigError);
    expect(() => loadConfigFile(file)).toThrow(/missing\.yml:1:1: cannot read config file/);
  });
});
