// Type words in the label vocabularies of real repositories: namespaces, separators, case,
// emoji and plurals normalised; attribute namespaces never yielding a type; signal precedence.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { classify, lint } from '../../src/engine/index.js';
import { Vocabulary, wordKey, wordKeyByPipeline } from '../../src/engine/vocabulary.js';
import type { IssueFacts } from '../../src/types.js';
import { issue, makeConfig, type } from './helpers.js';

const preset = defaultConfig();
const ownerOf = (labels: string[], extra: Partial<IssueFacts> = {}) =>
  classify({ labels, title: 'Something', issueType: null, ...extra }, preset);

describe('wordKey: one form for a word however it is written', () => {
  it('splits camel case, drops separators, case, emoji and plurals', () => {
    for (const written of [
      'feature request',
      'Feature Request',
      'feature-request',
      'feature_request',
      'FeatureRequest',
      'Feature-Requests',
      '✨ Feature Request ✨',
      ':sparkles: feature requests',
    ]) {
      expect(wordKey(written), written).toBe('feature request');
    }
    expect(wordKey('user stories')).toBe('user story');
    expect(wordKey('APIChange')).toBe('api change');
    expect(wordKey('status')).toBe('status');
  });

  it("takes text already in a key's shape the short way, to the same key as step by step", () => {
    // Every word of both presets, and generated text: lower-case words, with the characters
    // that would send it the long way mixed in (case, separators, digits, emoji, spaces).
    const words = Object.values(defaultConfig().types).flatMap((t) => [
      ...(t.words ?? []),
      ...(t.synonyms ?? []),
      ...t.labels,
      ...t.titlePrefixes,
    ]);
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pieces = [
      'bug',
      'stories',
      'class',
      'ies',
      'x',
      '2',
      ' ',
      ' ',
      '  ',
      '-',
      'A',
      'É',
      '🐛',
      ':',
      'ss',
      'es',
    ];
    const generated = Array.from({ length: 20_000 }, () =>
      Array.from({ length: 1 + next(5) }, () => pieces[next(pieces.length)]).join(''),
    );
    let short = 0;
    for (const text of [...words, ...generated]) {
      expect(wordKey(text), JSON.stringify(text)).toBe(wordKeyByPipeline(text));
      if (/^[a-z0-9]+(?: [a-z0-9]+)*$/.test(text)) short++;
    }
    expect(short).toBeGreaterThan(words.length / 2);
  });
});

describe('the recommended preset on real label vocabularies', () => {
  it('recognises type words in every namespace the issue lists', () => {
    const cases: [string, string][] = [
      ['kind/regression', 'quality'],
      ['C-feature-request', 'feature'],
      ['type::bug', 'quality'],
      ['>enhancement', 'feature'],
      ['Type: Feature Request', 'feature'],
      ['FeatureRequest', 'feature'],
      ['release_note:feature', 'feature'],
      ['✨FEATURE', 'feature'],
      ['🐛 bug', 'quality'],
      ['t-bug', 'quality'],
      ['type/feature', 'feature'],
      ['type-bug', 'quality'],
      ['[Type] Bug', 'quality'],
      ['feature::addition', 'feature'],
      ['kind/api-change', 'api-change'],
      ['kind/flake', 'quality'],
      ['kind/failing-test', 'quality'],
      ['C-tracking-issue', 'tracking'],
      ['release-blocker', 'delivery'],
      ['backport v10.0.x', 'delivery'],
      ['Proposal-Accepted', 'proposal'],
      ['RFC', 'proposal'],
      ['breaking-change', 'api-change'],
      ['kind/deprecation', 'api-change'],
      ['user-stories', 'feature'],
      ['Meta-Issue', 'tracking'],
      ['whatsapp bug', 'quality'],
    ];
    for (const [label, typeName] of cases)
      expect(ownerOf([label]).types, label).toEqual([typeName]);
  });

  it('never reads a type from an attribute namespace', () => {
    for (const label of [
      'area/release',
      'priority/important-soon',
      'P-high',
      'status: blocked',
      'team/feature',
      'sig/release',
      'A-diagnostics',
      'T-release',
      'effort:m',
      'size/L',
      'quarter: Q1',
      'milestone: M1',
      'risk: high',
      'risk-low',
      'stage/alpha',
      'severity3: broken',
      '[Pri] BLOCKER',
      'Feature:Alerting',
      'backport:skip',
      'release-note-none',
      'Not a Defect',
      'release-1.2',
      'release: v3',
      'pending release',
      'out of scope',
      'high risk',
      'F-async_closure',
    ]) {
      expect(ownerOf([label]).types, label).toEqual([]);
    }
    // The word alone, or in a type namespace, is the type.
    expect(ownerOf(['risk']).types).toEqual(['risk']);
    expect(ownerOf(['type: risk']).types).toEqual(['risk']);
    expect(ownerOf([], { title: '[Risk] vendor may slip' }).types).toEqual(['risk']);
    expect(ownerOf([], { issueType: 'Risk' }).types).toEqual(['risk']);
  });

  it('leaves non-ownership labels untyped', () => {
    for (const label of [
      'documentation',
      'question',
      'discussion',
      'chore',
      'refactor',
      'cleanup',
      'dependencies',
      'type: dependencies',
      'infrastructure',
      'ci',
      'tests',
      'performance',
      'security',
      'support',
      'good first issue',
      'help wanted',
      'metrics',
      'Blocked',
    ]) {
      expect(ownerOf([label]).types, label).toEqual([]);
    }
  });

  it('an attribute next to a type label never makes the issue ambiguous', () => {
    const pairs: [string[], string][] = [
      [['enhancement', 'Blocked'], 'product'],
      [['type: feature', 'risk:high'], 'product'],
      [['bug', 'metrics'], 'project'],
      [['kind/bug', 'priority/critical-urgent', 'lifecycle/frozen'], 'project'],
      [['feature', 'milestone: M1', 'quarter: Q1', 'effort:m', 'stage/alpha'], 'product'],
    ];
    for (const [labels, role] of pairs) {
      const result = lint([issue({ labels })], {
        config: preset,
        today: '2026-06-15',
        scope: 'issue',
      });
      expect(result.issues[0]?.ownerRole, labels.join(' + ')).toBe(role);
      expect(result.findings.filter((f) => f.rule === 'type-ambiguous')).toEqual([]);
    }
  });

  it('ambiguity only between signals of the same strength', () => {
    // Two plain labels of different roles: ambiguous.
    expect(ownerOf(['feature', 'bug']).roles).toEqual(['product', 'project']);
    // A namespaced type label outranks a plain one; the issue type outranks both.
    expect(ownerOf(['kind/feature', 'bug'])).toMatchObject({
      roles: ['product'],
      signal: 'label "kind/feature"',
    });
    expect(ownerOf(['kind/feature', 'bug'], { issueType: 'Bug' })).toMatchObject({
      roles: ['project'],
      signal: 'issue type Bug',
    });
    // A title prefix counts only without labels that name a type.
    expect(ownerOf(['enhancement'], { title: '[Bug] x' }).roles).toEqual(['product']);
    expect(ownerOf(['Blocked'], { title: '[Bug] x' })).toMatchObject({
      roles: ['project'],
      signal: 'title prefix [Bug]',
    });
    expect(ownerOf([], { title: 'feat(api): pagination' })).toMatchObject({
      types: ['feature'],
      signal: 'title prefix feat(',
    });
  });

  it('types GitHub issue types by their words: Task is project, Feature product', () => {
    expect(ownerOf([], { issueType: 'Task' }).types).toEqual(['task']);
    expect(ownerOf([], { issueType: 'Feature' }).types).toEqual(['feature']);
    expect(ownerOf([], { issueType: 'User Stories' }).types).toEqual(['feature']);
  });
});

describe('users’ own labels keep working exactly as before', () => {
  it('a type without words matches only its labels, literally or by glob', () => {
    const cfg = makeConfig({ types: { budget: type('project', { labels: ['cost*'] }) } });
    const typesOf = (labels: string[]) =>
      classify({ labels, title: 'x', issueType: null }, cfg).types;
    expect(typesOf(['cost: high'])).toEqual(['budget']);
    expect(typesOf(['kind/cost'])).toEqual([]);
  });

  it('a label a config lists keeps exactly the types that list it, even when a word reads it', () => {
    const cfg = {
      ...preset,
      types: {
        ...preset.types,
        design: { owner: 'product', labels: ['proposal'], titlePrefixes: [], issueTypes: [] },
      },
    };
    expect(classify({ labels: ['proposal'], title: 'x', issueType: null }, cfg).types).toEqual([
      'design',
    ]);
  });

  it('words of a config are read the same way as the preset’s', () => {
    const vocabulary = new Vocabulary([['budget review']], [['budget review']]);
    expect(vocabulary.readLabel('kind/BudgetReviews')).toMatchObject({
      kind: 'namespaced',
      types: [0],
    });
    expect(vocabulary.readLabel('area/budget-review')).toMatchObject({ kind: 'attribute' });
  });
});
