// The recommended preset on real label vocabularies: tests/fixtures/label-corpus holds the
// labels of 21 public repositories (from their label files and triage guides), each with the
// owner the seed articles imply. Thresholds (issue 6): at least 80% of the owner-relevant
// type labels get that owner, at most 5% a wrong one, at most 15% of the other labels any
// owner; and a type label plus any attribute label (state, priority, size, triage) resolves
// to the type's owner without `type-ambiguous`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { lint } from '../../src/engine/index.js';
import type { IssueFacts, ResolvedConfig } from '../../src/types.js';

interface CorpusLabel {
  name: string;
  owner: 'product' | 'project' | 'none';
  reason: string;
  attribute?: boolean;
}
interface Corpus {
  repositories: { repo: string; source: string; labels: CorpusLabel[] }[];
}

const corpus = JSON.parse(
  readFileSync(path.resolve('tests/fixtures/label-corpus/repositories.json'), 'utf8'),
) as Corpus;
const labels = corpus.repositories.flatMap((r) => r.labels.map((l) => ({ ...l, repo: r.repo })));

let config: ResolvedConfig;
beforeAll(() => {
  config = defaultConfig();
});

function facts(number: number, issueLabels: string[]): IssueFacts {
  return {
    number,
    title: 'Something to do',
    url: '',
    state: 'open',
    labels: issueLabels,
    assignees: [],
    author: null,
    milestone: null,
    issueType: null,
    directives: [],
  };
}

/** Owner role of each single-label issue, and whether it is ambiguous. */
function classifyAll(sets: string[][]) {
  const result = lint(
    sets.map((set, i) => facts(i + 1, set)),
    { config, today: '2026-06-15', scope: 'backlog' },
  );
  const ambiguous = new Set(
    result.findings.filter((f) => f.rule === 'type-ambiguous').map((f) => f.issue),
  );
  return result.issues.map((issue) => ({
    ownerRole: issue.ownerRole,
    types: issue.types,
    ambiguous: ambiguous.has(issue.number),
  }));
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

describe('label corpus: 21 public repositories', () => {
  it('has labels of at least 20 repositories, each with a source path and reasons', () => {
    expect(corpus.repositories.length).toBeGreaterThanOrEqual(20);
    for (const repo of corpus.repositories) {
      expect(repo.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(repo.source).not.toBe('');
      for (const label of repo.labels) expect(label.reason.length, label.name).toBeGreaterThan(10);
    }
  });

  it('meets the thresholds: ≥ 80% right owner, ≤ 5% wrong owner, ≤ 15% owner on non-ownership labels', () => {
    const outcomes = classifyAll(labels.map((l) => [l.name]));
    const typeLabels = labels.flatMap((l, i) =>
      l.owner === 'none' ? [] : [{ l, o: outcomes[i] }],
    );
    const others = labels.flatMap((l, i) => (l.owner === 'none' ? [{ l, o: outcomes[i] }] : []));
    const right = typeLabels.filter(({ l, o }) => o?.ownerRole === l.owner);
    const wrong = typeLabels.filter(
      ({ l, o }) => (o?.ownerRole ?? null) !== null && o?.ownerRole !== l.owner,
    );
    const owned = others.filter(({ o }) => o?.ownerRole !== null || (o?.types.length ?? 0) > 0);
    const report = [
      `label corpus: ${labels.length} labels of ${corpus.repositories.length} repositories`,
      `  owner-relevant type labels: ${typeLabels.length}; right owner ${right.length} (${pct(right.length, typeLabels.length)}%), wrong owner ${wrong.length} (${pct(wrong.length, typeLabels.length)}%)`,
      `  missed: ${
        typeLabels
          .filter(({ o }) => o?.ownerRole === null)
          .map(({ l }) => `${l.name} (${l.repo})`)
          .join(', ') || 'none'
      }`,
      `  wrong: ${wrong.map(({ l, o }) => `${l.name} → ${o?.ownerRole ?? ''}`).join(', ') || 'none'}`,
      `  non-ownership labels: ${others.length}; given an owner ${owned.length} (${pct(owned.length, others.length)}%): ${owned.map(({ l, o }) => `${l.name} → ${o?.types.join('+') ?? ''}`).join(', ') || 'none'}`,
    ];
    console.log(report.join('\n'));
    expect(right.length / typeLabels.length).toBeGreaterThanOrEqual(0.8);
    expect(wrong.length / typeLabels.length).toBeLessThanOrEqual(0.05);
    expect(owned.length / others.length).toBeLessThanOrEqual(0.15);
  });

  it('every type label + attribute label pair resolves to the type’s owner, never type-ambiguous', () => {
    const single = classifyAll(labels.map((l) => [l.name]));
    // The type labels the preset gets right on their own, paired with every attribute label.
    const typeLabels = labels.filter(
      (l, i) => l.owner !== 'none' && single[i]?.ownerRole === l.owner,
    );
    const attributes = labels.filter((l) => l.attribute);
    const pairs = typeLabels.flatMap((t) => attributes.map((a) => ({ t, a })));
    const outcomes = classifyAll(pairs.map(({ t, a }) => [t.name, a.name]));
    const bad = pairs.filter(
      ({ t }, i) => outcomes[i]?.ownerRole !== t.owner || outcomes[i]?.ambiguous === true,
    );
    console.log(
      `label corpus: ${pairs.length} type + attribute pairs (${typeLabels.length} × ${attributes.length}); wrong or ambiguous: ${bad.length}`,
    );
    expect(attributes.length).toBeGreaterThanOrEqual(50);
    expect(bad.map(({ t, a }) => `${t.name} + ${a.name}`)).toEqual([]);
  });
});
