// Config problems: each is reported at the exact line and column of the offending key or
// value, with a hint, and all of a file's problems come in one ConfigError.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { ConfigError, type ConfigProblem } from '../../src/types.js';
import { CONFIG_FILE, problemAbout, problemsOf, where, yaml } from './helpers.js';

const only = (problems: ConfigProblem[]): ConfigProblem => {
  expect(problems.map((p) => p.message)).toHaveLength(1);
  return problems[0]!;
};

describe('unknown keys', () => {
  it('points at the key and suggests the closest allowed one', () => {
    const problem = only(
      problemsOf(yaml`
        roles:
          product:
            members: [alice]
          project:
            member: [bob]
      `),
    );
    expect(where(problem)).toBe(`${CONFIG_FILE}:5:5`);
    expect(problem.message).toBe('unknown key `member` in `roles.project`');
    expect(problem.hint).toBe(
      'did you mean `members`? allowed keys: members, label, default-assignee',
    );
  });

  it('at the top level and inside types and ignore', () => {
    const problems = problemsOf(yaml`
      version: 1
      role:
        product: {}
      types:
        budget:
          owner: project
          title-prefix: ['[Budget]']
      ignore:
        author: [renovate]
    `);
    expect(where(problemAbout(problems, '`role`'))).toBe(`${CONFIG_FILE}:2:1`);
    expect(problemAbout(problems, '`role`').hint).toMatch(/^did you mean `roles`\?/);
    expect(where(problemAbout(problems, '`title-prefix`'))).toBe(`${CONFIG_FILE}:7:5`);
    expect(problemAbout(problems, '`title-prefix`').hint).toMatch(/did you mean `title-prefixes`/);
    expect(where(problemAbout(problems, '`author`'))).toBe(`${CONFIG_FILE}:9:3`);
  });

  it('lists the allowed keys when nothing is close', () => {
    const problem = only(problemsOf('colour: blue\n'));
    expect(problem.message).toBe('unknown key `colour` at the top level');
    expect(problem.hint).toBe('allowed keys: version, extends, roles, types, rules, ignore');
  });

  it('`covers` is for presets only', () => {
    const problem = only(problemsOf('types:\n  x:\n    owner: product\n    covers: [budget]\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:4:5`);
  });
});

describe('rules', () => {
  it('unknown rule id: did you mean', () => {
    const problem = only(
      problemsOf(yaml`
        rules:
          owner-required: warning
          owner-rol: error
      `),
    );
    expect(where(problem)).toBe(`${CONFIG_FILE}:3:3`);
    expect(problem.message).toBe('unknown rule id `owner-rol`');
    expect(problem.hint).toMatch(/^did you mean `owner-role`\? rule ids: type-required, /);
  });

  it('bad severity: at the value, listing the allowed ones', () => {
    const problems = problemsOf(yaml`
      rules:
        owner-role: fatal
        owner-label: [warn, { ignore-labels: [x] }]
        single-owner: 2
    `);
    const fatal = problemAbout(problems, '`fatal`');
    expect(where(fatal)).toBe(`${CONFIG_FILE}:2:15`);
    expect(fatal.hint).toBe('severities: off, notice, warning, error');
    const warn = problemAbout(problems, '`warn`');
    expect(where(warn)).toBe(`${CONFIG_FILE}:3:17`);
    expect(warn.hint).toBe('did you mean `warning`? severities: off, notice, warning, error');
    expect(where(problemAbout(problems, 'the number 2'))).toBe(`${CONFIG_FILE}:4:17`);
  });

  it('bad options are checked with the rule module’s schema', () => {
    const problems = problemsOf(yaml`
      rules:
        owner-capacity: [notice, { max: -1 }]
        single-owner: [warning, { mx: 2 }]
        owner-required: [warning, { ignore-labels: needs-triage }]
    `);
    const max = problemAbout(problems, 'owner-capacity[1].max');
    expect(where(max)).toBe(`${CONFIG_FILE}:2:35`);
    expect(max.message).toBe('rules.owner-capacity[1].max: must be at least 0');
    expect(max.hint).toBe('use a value of at least 0');
    const mx = problemAbout(problems, '`mx`');
    expect(where(mx)).toBe(`${CONFIG_FILE}:3:29`);
    expect(mx.message).toBe('unknown option `mx` for rule `single-owner`');
    expect(mx.hint).toBe('did you mean `max`? options: ignore-labels, max');
    const labels = problemAbout(problems, 'ignore-labels');
    expect(where(labels)).toBe(`${CONFIG_FILE}:4:46`);
    expect(labels.message).toContain('expected a list, got text `needs-triage`');
  });

  it('an entry that is neither a severity nor [severity, options]', () => {
    const problems = problemsOf(yaml`
      rules:
        owner-role: [error, {}, extra]
        owner-label: { severity: error }
    `);
    expect(where(problemAbout(problems, 'a list of 3'))).toBe(`${CONFIG_FILE}:2:15`);
    expect(where(problemAbout(problems, 'got a mapping'))).toBe(`${CONFIG_FILE}:3:16`);
  });

  it('a rule option naming an undefined role', () => {
    const problem = only(
      problemsOf('rules:\n  milestone-required: [warning, { roles: [projects] }]\n'),
    );
    expect(where(problem)).toBe(`${CONFIG_FILE}:2:43`);
    expect(problem.message).toBe(
      'rule `milestone-required` names role `projects`, which is not defined',
    );
    expect(problem.hint).toMatch(/^did you mean `project`\?/);
  });
});

describe('type words and handoff-required (issue 6 keys)', () => {
  it('words and synonyms must be lists of text, reported at the value', () => {
    const problems = problemsOf(yaml`
      types:
        feature:
          words: bug
          synonyms: [ok, 3]
    `);
    expect(problems.map((p) => where(p))).toEqual([`${CONFIG_FILE}:3:12`, `${CONFIG_FILE}:4:20`]);
  });

  it('ignore.issue-types must be a list of names; a misspelt key gets a did-you-mean', () => {
    const problems = problemsOf('ignore:\n  issue-type: [Task]\n');
    expect(problems[0]?.message).toMatch(/issue-type/);
    expect(problems[0]?.hint ?? problems[0]?.message).toMatch(/issue-types/);
    expect(where(problems[0]!)).toBe(`${CONFIG_FILE}:2:3`);
  });

  it('handoff-required names roles that must exist', () => {
    const problem = only(problemsOf('rules:\n  handoff-required: [notice, { from: prodct }]\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:2:38`);
    expect(problem.message).toBe(
      'rule `handoff-required` names role `prodct`, which is not defined',
    );
    expect(problem.hint).toMatch(/^did you mean `product`\?/);
  });
});

describe('roles and types', () => {
  it('a type owned by an undefined role: at the owner value, with did-you-mean', () => {
    const problem = only(
      problemsOf(yaml`
        types:
          budget:
            owner: projct
      `),
    );
    expect(where(problem)).toBe(`${CONFIG_FILE}:3:12`);
    expect(problem.message).toBe('type `budget` is owned by role `projct`, which is not defined');
    expect(problem.hint).toBe(
      'did you mean `project`? defined roles: product, project; or add it under `roles:`',
    );
  });

  it('a role defined in the same file can own types', () => {
    const config = parseConfig(
      yaml`
        roles:
          design:
            members: [dana]
        types:
          mockup:
            owner: design
            labels: [mockup*]
      `,
      CONFIG_FILE,
    );
    expect(config.types.mockup).toEqual({
      owner: 'design',
      labels: ['mockup*'],
      titlePrefixes: [],
      issueTypes: [],
    });
  });

  it('a new type without an owner: at the type name', () => {
    const problem = only(problemsOf('types:\n  mockup:\n    labels: [mockup]\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:2:3`);
    expect(problem.message).toBe('type `mockup` has no owner');
    expect(problem.hint).toBe('add `owner: <role>`; roles: product, project');
  });

  it('a default-assignee who is not a member', () => {
    const problem = only(
      problemsOf(yaml`
        roles:
          project:
            members: [bob, carol]
            default-assignee: dave
      `),
    );
    expect(where(problem)).toBe(`${CONFIG_FILE}:4:23`);
    expect(problem.message).toBe('default-assignee `dave` is not a member of role `project`');
    expect(problem.hint).toBe('add `dave` to roles.project.members, or choose one of: bob, carol');
  });

  it('a default-assignee may be in a team of the role (resolved at run time)', () => {
    const config = parseConfig(
      'roles:\n  product:\n    members: ["@acme/pm"]\n    default-assignee: alice\n',
      CONFIG_FILE,
    );
    expect(config.roles.product?.defaultAssignee).toBe('alice');
  });

  it('members must be logins or @org/team slugs', () => {
    const problem = only(problemsOf('roles:\n  product:\n    members: [alice, "@bob"]\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:3:22`);
    expect(problem.message).toBe(
      'roles.product.members[1]: text `@bob` is not a GitHub login or @org/team slug',
    );
    expect(problem.hint).toContain('without `@`');
  });

  it('a list where a mapping belongs', () => {
    const problem = only(problemsOf('roles: [product, project]\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:1:8`);
    expect(problem.message).toBe('roles: expected a mapping, got a list');
  });
});

describe('globs', () => {
  it('an unbalanced bracket in a type label: at the glob, with how to escape it', () => {
    const problem = only(
      problemsOf(yaml`
        types:
          budget:
            owner: project
            labels: [budget, "cost[", "type: budget"]
      `),
    );
    expect(where(problem)).toBe(`${CONFIG_FILE}:4:22`);
    expect(problem.message).toBe(
      'types.budget.labels[1]: text `cost[` is not a valid glob (missing closing: "]")',
    );
    expect(problem.hint).toContain(`'cost\\['`);
  });

  it('ignore labels and rules’ ignore-labels are globs too', () => {
    const problems = problemsOf(yaml`
      rules:
        owner-required: [warning, { ignore-labels: ["needs{triage"] }]
      ignore:
        labels: ["wip)"]
    `);
    expect(problems.map(where)).toEqual([`${CONFIG_FILE}:2:47`, `${CONFIG_FILE}:4:12`]);
  });
});

describe('version and extends', () => {
  it('a version other than 1', () => {
    const problem = only(problemsOf('version: 2\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:1:10`);
    expect(problem.message).toBe('format version 2 is not supported');
  });

  it('an unknown preset: at the entry, listing the available ones', () => {
    const problem = only(problemsOf('extends: [strict, recomended]\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:1:19`);
    expect(problem.message).toBe('unknown preset `recomended` in extends');
    expect(problem.hint).toBe(
      'did you mean `recommended`? available presets: recommended, strict; file paths start with `./`',
    );
  });

  it('extends that is neither a name nor a list', () => {
    const problem = only(problemsOf('extends: { preset: recommended }\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:1:10`);
    expect(problem.hint).toContain('./base.yml');
  });
});

describe('YAML syntax errors', () => {
  it('duplicate key: at the repeated key', () => {
    const problem = only(
      problemsOf(yaml`
        roles:
          product:
            members: [alice]
          product:
            members: [bob]
      `),
    );
    expect(where(problem)).toBe(`${CONFIG_FILE}:4:3`);
    expect(problem.message).toBe('YAML syntax error: Map keys must be unique');
  });

  it('tab indentation: at the tab', () => {
    const problem = only(problemsOf('roles:\n  product:\n\tmembers: [alice]\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:3:1`);
    expect(problem.hint).toBe('indent with spaces, not tabs');
  });

  it('misaligned key: at the key', () => {
    const problem = only(problemsOf('roles:\n  product:\n    members: [alice]\n   label: x\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:4:1`);
  });

  it('a file that is not a mapping', () => {
    const problem = only(problemsOf('- recommended\n'));
    expect(where(problem)).toBe(`${CONFIG_FILE}:1:1`);
    expect(problem.message).toBe('expected a mapping of settings at the top level, got a list');
  });
});

describe('one ConfigError with every problem', () => {
  const text = yaml`
    version: 1
    roles:
      product:
        member: [alice]
    types:
      budget:
        owner: projct
        labels: [budget, "cost["]
    rules:
      owner-rol: error
      owner-capacity: [notice, { max: -1 }]
  `;

  it('collects problems from validation and cross-checks, in file order', () => {
    expect(problemsOf(text).map((p) => `${where(p)} ${p.message.split(' ')[0]}`)).toEqual([
      `${CONFIG_FILE}:4:5 unknown`,
      `${CONFIG_FILE}:7:12 type`,
      `${CONFIG_FILE}:8:22 types.budget.labels[1]:`,
      `${CONFIG_FILE}:10:3 unknown`,
      `${CONFIG_FILE}:11:35 rules.owner-capacity[1].max:`,
    ]);
  });

  it('every problem has a hint', () => {
    for (const problem of problemsOf(text)) expect(problem.hint).toBeTruthy();
  });

  it('the error message is one `file:line:col: message (hint)` line per problem', () => {
    try {
      parseConfig(text, CONFIG_FILE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const lines = (error as ConfigError).message.split('\n');
      expect(lines).toHaveLength(5);
      expect(lines[0]).toBe(
        `${CONFIG_FILE}:4:5: unknown key \`member\` in \`roles.product\` (did you mean \`members\`? allowed keys: members, label, default-assignee)`,
      );
    }
  });
});
