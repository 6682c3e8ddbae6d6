import { describe, expect, it } from 'vitest';
import { classify } from '../../src/engine/index.js';
import { issue, lintOne, makeConfig, role, type } from './helpers.js';

const config = makeConfig();

function typesOf(facts: Parameters<typeof issue>[0], cfg = config): readonly string[] {
  return classify(issue(facts), cfg).types;
}

describe('classify: labels', () => {
  it('matches exact labels case-insensitively', () => {
    expect(typesOf({ labels: ['BUDGET'] })).toEqual(['budget']);
    expect(typesOf({ labels: ['Type: Budget'] })).toEqual(['budget']);
  });

  it('matches globs case-insensitively', () => {
    expect(typesOf({ labels: ['Costs'] })).toEqual(['budget']);
    expect(typesOf({ labels: ['cost'] })).toEqual(['budget']);
    expect(typesOf({ labels: ['overcost'] })).toEqual([]);
  });

  it('matches after trimming and collapsing whitespace', () => {
    expect(typesOf({ labels: ['  type:   budget '] })).toEqual(['budget']);
    expect(typesOf({ labels: ['type:\tbudget'] })).toEqual(['budget']);
  });

  it('treats emoji as part of the label', () => {
    const plain = makeConfig({ types: { feature: type('product', { labels: ['feature'] }) } });
    expect(typesOf({ labels: ['✨ feature'] }, plain)).toEqual([]);
    expect(typesOf({ labels: ['✨ Feature'] })).toEqual(['feature']);
    const glob = makeConfig({ types: { feature: type('product', { labels: ['*feature'] }) } });
    expect(typesOf({ labels: ['✨ feature'] }, glob)).toEqual(['feature']);
    const emojiGlob = makeConfig({ types: { feature: type('product', { labels: ['✨*'] }) } });
    expect(typesOf({ labels: ['✨ anything'] }, emojiGlob)).toEqual(['feature']);
    expect(typesOf({ labels: ['anything'] }, emojiGlob)).toEqual([]);
  });

  it('ignores the emoji presentation selector (⚠️ vs ⚠)', () => {
    expect(typesOf({ labels: ['⚠ risk'] })).toEqual(['risk']);
    expect(typesOf({ labels: ['⚠️  Risk'] })).toEqual(['risk']);
  });

  it('lets * match across a slash: labels are not paths', () => {
    const cfg = makeConfig({ types: { bug: type('project', { labels: ['*bug', 'area/*'] }) } });
    expect(typesOf({ labels: ['kind/bug'] }, cfg)).toEqual(['bug']);
    expect(typesOf({ labels: ['area/ui/forms'] }, cfg)).toEqual(['bug']);
  });

  it('matches labels with glob characters literally, and never negates', () => {
    const cfg = makeConfig({
      types: {
        triage: type('project', { labels: ['needs [triage]'] }),
        urgent: type('project', { labels: ['!urgent'] }),
      },
    });
    expect(typesOf({ labels: ['Needs [Triage]'] }, cfg)).toEqual(['triage']);
    expect(typesOf({ labels: ['!urgent'] }, cfg)).toEqual(['urgent']);
    expect(typesOf({ labels: ['calm'] }, cfg)).toEqual([]);
  });
});

describe('classify: title prefixes and issue types', () => {
  it('matches a title prefix case-insensitively after leading whitespace', () => {
    expect(typesOf({ title: '  [budget] Q3 forecast' })).toEqual(['budget']);
    expect(typesOf({ title: '[ROADMAP] 2027' })).toEqual(['roadmap']);
  });

  it('requires the prefix at the start', () => {
    expect(typesOf({ title: 'Re: [Budget] Q3' })).toEqual([]);
  });

  it('compares prefixes as lower-cased text, also beyond ASCII', () => {
    const cfg = makeConfig({
      types: {
        kpi: type('product', { titlePrefixes: ['KPI:'] }),
        idea: type('product', { titlePrefixes: ['İdea:'] }),
      },
    });
    expect(typesOf({ title: 'kpi: churn' }, cfg)).toEqual(['kpi']);
    // The Kelvin sign lower-cases to an ASCII k.
    expect(typesOf({ title: '\u212API: churn' }, cfg)).toEqual(['kpi']);
    expect(typesOf({ title: '\u00A0 KPI: churn' }, cfg)).toEqual(['kpi']);
    // "İ" lower-cases to "i" plus a combining dot.
    expect(typesOf({ title: 'İDEA: chat' }, cfg)).toEqual(['idea']);
    expect(typesOf({ title: 'IDEA: chat' }, cfg)).toEqual([]);
  });

  it('matches the native issue type case-insensitively', () => {
    expect(typesOf({ issueType: 'feature' })).toEqual(['feature']);
    expect(typesOf({ issueType: 'Bug' })).toEqual([]);
  });
});

describe('classify: several types', () => {
  it('lists every matched type of the same strength in config order', () => {
    expect(classify(issue({ labels: ['roadmap', 'Feature'] }), config)).toEqual({
      types: ['feature', 'roadmap'],
      roles: ['product'],
      signal: 'label "Feature"',
    });
  });

  it('lists every owning role when signals of the same strength differ', () => {
    expect(classify(issue({ labels: ['risk', 'feature'] }), config)).toEqual({
      types: ['feature', 'risk'],
      roles: ['product', 'project'],
      signal: 'label "feature"',
    });
  });

  it('lets the stronger signal decide: issue type, namespaced label, plain label, title', () => {
    // A native issue type beats every label.
    expect(classify(issue({ labels: ['roadmap'], issueType: 'Budget' }), config)).toEqual({
      types: ['budget'],
      roles: ['project'],
      signal: 'issue type Budget',
    });
    // A label beats a title prefix.
    expect(classify(issue({ labels: ['risk'], title: '[Feature] x' }), config)).toEqual({
      types: ['risk'],
      roles: ['project'],
      signal: 'label "risk"',
    });
    // A type-namespaced label beats a plain one.
    expect(classify(issue({ labels: ['feature', 'Type: Budget'] }), config)).toMatchObject({
      types: ['budget'],
      signal: 'label "Type: Budget"',
    });
    // The title prefix decides only when nothing else does.
    expect(classify(issue({ title: '[Feature] x' }), config)).toMatchObject({
      types: ['feature'],
      signal: 'title prefix [Feature]',
    });
  });

  it('sets type and owner only when a single role owns the matches', () => {
    const same = lintOne({ labels: ['risk', 'budget'] }).issues[0];
    expect(same).toMatchObject({ types: ['budget', 'risk'], type: 'budget', ownerRole: 'project' });
    const mixed = lintOne({ labels: ['risk', 'feature'] }).issues[0];
    expect(mixed).toMatchObject({ types: ['feature', 'risk'], type: null, ownerRole: null });
  });

  it('keeps the owner of a type whose role is not configured', () => {
    const cfg = makeConfig({
      roles: { product: role(['alice']) },
      types: { review: type('design', { labels: ['review'] }) },
    });
    expect(lintOne({ labels: ['review'] }, cfg).issues[0]?.ownerRole).toBe('design');
  });
});
