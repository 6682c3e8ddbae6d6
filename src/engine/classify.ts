// Which types an issue matches (labels, title prefixes, native issue type) and which
// roles own them. Matchers are compiled once per config and reused for every issue.
import type { IssueFacts, ResolvedConfig } from '../types.js';
import { LabelPatternIndex } from './label-patterns.js';
import { freeze } from './shared.js';

export interface Classification {
  /** Every matched type, in config order. */
  types: string[];
  /** Owner roles of the matched types, in order of first appearance. */
  roles: string[];
}

export interface Classifier {
  classify(issue: Pick<IssueFacts, 'labels' | 'title' | 'issueType'>): Classification;
}

/**
 * A classification as the engine keeps it. Issues with the same matches share one (a
 * backlog has few distinct combinations), so it must not be modified.
 */
export interface Match {
  /** Frozen: results share it (see shared.ts). */
  readonly types: string[];
  readonly roles: readonly string[];
  /** The single owning role; null when untyped or ambiguous. */
  readonly ownerRole: string | null;
  /** The first matched type when there is an owner role, else null. */
  readonly type: string | null;
}

type ClassifiedFacts = Pick<IssueFacts, 'labels' | 'title' | 'issueType'>;

type MatchIssue = (issue: ClassifiedFacts) => Match;

// Up to this many types, a set of matched types is an int32 bit mask: per-issue matching
// is then a few Map lookups and ORs, and the matches themselves are shared per mask.
const MASK_BITS = 30;
const NO_INDICES: readonly number[] = [];

/** The engine's classifier: returns shared, read-only matches. */
export function compileMatcher(config: ResolvedConfig): MatchIssue {
  const typeNames = Object.keys(config.types);
  const typeConfigs = Object.values(config.types);
  const owners = typeConfigs.map((type) => type.owner);
  const labelIndex = new LabelPatternIndex(typeConfigs.map((t) => t.labels));
  const prefixes = new PrefixMatcher(typeConfigs.map((t) => t.titlePrefixes));
  const issueTypes = new Map<string, number[]>();
  typeConfigs.forEach((t, index) => {
    for (const name of t.issueTypes) {
      const key = name.trim().toLowerCase();
      const indices = issueTypes.get(key);
      if (!indices) issueTypes.set(key, [index]);
      else if (!indices.includes(index)) indices.push(index);
    }
  });
  // Issue type names repeat like labels do: cache their lookup by the name as given.
  const issueTypeCache = new Map<string, readonly number[]>();
  const issueTypeIndices = (name: string): readonly number[] => {
    let indices = issueTypeCache.get(name);
    if (indices === undefined) {
      indices = issueTypes.get(name.trim().toLowerCase()) ?? NO_INDICES;
      issueTypeCache.set(name, indices);
    }
    return indices;
  };

  const toMatch = (matched: readonly number[]): Match => {
    const types = freeze(matched.map((index) => typeNames[index] ?? ''));
    const roles: string[] = [];
    for (const index of matched) {
      const owner = owners[index];
      if (owner !== undefined && !roles.includes(owner)) roles.push(owner);
    }
    const ownerRole = roles.length === 1 ? (roles[0] ?? null) : null;
    return { types, roles, ownerRole, type: ownerRole === null ? null : (types[0] ?? null) };
  };

  if (typeNames.length > MASK_BITS) {
    // Rare: many types. Matches are collected as lists of type indices.
    const byKey = new Map<string, Match>();
    return (issue) => {
      const matched: number[] = [];
      for (const label of issue.labels) addAll(matched, labelIndex.keysOf(label));
      if (!prefixes.isEmpty) addAll(matched, prefixes.match(issue.title));
      if (issue.issueType !== null) addAll(matched, issueTypeIndices(issue.issueType));
      if (matched.length > 1) matched.sort((a, b) => a - b);
      const key = matched.join();
      let match = byKey.get(key);
      if (match === undefined) {
        match = toMatch(matched);
        byKey.set(key, match);
      }
      return match;
    };
  }

  const labelMasks = new Map<string, number>();
  const byMask = new Map<number, Match>();
  return (issue) => {
    let mask = 0;
    for (const label of issue.labels) {
      let labelMask = labelMasks.get(label);
      if (labelMask === undefined) {
        labelMask = toMask(labelIndex.keysOf(label));
        labelMasks.set(label, labelMask);
      }
      mask |= labelMask;
    }
    if (!prefixes.isEmpty) mask |= toMask(prefixes.match(issue.title));
    if (issue.issueType !== null) mask |= toMask(issueTypeIndices(issue.issueType));
    let match = byMask.get(mask);
    if (match === undefined) {
      const matched: number[] = [];
      for (let index = 0; index < typeNames.length; index++) {
        if (mask & (1 << index)) matched.push(index);
      }
      match = toMatch(matched);
      byMask.set(mask, match);
    }
    return match;
  };
}

export function compileClassifier(config: ResolvedConfig): Classifier {
  const match = compileMatcher(config);
  return {
    classify(issue) {
      const { types, roles } = match(issue);
      // Fresh arrays: callers own what they are given.
      return { types: [...types], roles: [...roles] };
    },
  };
}

function toMask(indices: readonly number[]): number {
  let mask = 0;
  for (const index of indices) mask |= 1 << index;
  return mask;
}

function addAll(list: number[], values: readonly number[]): void {
  for (const value of values) if (!list.includes(value)) list.push(value);
}

/**
 * Title prefixes, compared case-insensitively after leading whitespace. Most titles start
 * with ASCII text, which lower-cases char by char: such a title is looked up in place in
 * a tree of the prefixes, reading only as many chars as some prefix could still match.
 * Anything else takes the exact (allocating) path.
 */
class PrefixMatcher {
  private readonly all: { prefix: string; index: number }[] = [];
  private readonly root: PrefixNode = { ends: [], next: new Map() };
  readonly isEmpty: boolean;

  constructor(groups: readonly (readonly string[])[]) {
    groups.forEach((prefixes, index) => {
      for (const raw of prefixes) {
        const prefix = raw.trimStart().toLowerCase();
        if (prefix === '') continue;
        this.all.push({ prefix, index });
        let node = this.root;
        for (let i = 0; i < prefix.length; i++) {
          const code = prefix.charCodeAt(i);
          let next = node.next.get(code);
          if (next === undefined) node.next.set(code, (next = { ends: [], next: new Map() }));
          node = next;
        }
        node.ends.push(index);
      }
    });
    this.isEmpty = this.all.length === 0;
  }

  /** Indices of the types whose prefixes the title starts with (may repeat). */
  match(title: string): readonly number[] {
    const first = title.charCodeAt(0);
    // ASCII, not whitespace: nothing to trim.
    if (first > 32 && first < 128) {
      let matched: readonly number[] = NO_INDICES;
      let node = this.root;
      for (let i = 0; ; i++) {
        if (node.ends.length > 0) matched = matched.concat(node.ends);
        if (node.next.size === 0 || i === title.length) return matched;
        const code = title.charCodeAt(i);
        // Beyond ASCII, lower case may differ in length or be ASCII (the Kelvin sign).
        if (code >= 128) break;
        const next = node.next.get(asciiLower(code));
        if (next === undefined) return matched;
        node = next;
      }
    }
    const normal = title.trimStart().toLowerCase();
    const matched: number[] = [];
    for (const { prefix, index } of this.all) {
      if (normal.startsWith(prefix)) matched.push(index);
    }
    return matched;
  }
}

/** A node of the prefix tree: the prefixes read so far. */
interface PrefixNode {
  /** Types with a prefix that ends here. */
  ends: number[];
  /** By the (lower-case) char code that follows. */
  next: Map<number, PrefixNode>;
}

function asciiLower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

// `classify(issue, config)` is called issue by issue by other stages; keep one compiled
// classifier per config object.
const classifiers = new WeakMap<ResolvedConfig, Classifier>();

/** Types an issue matches and the roles that own them (see `Classification`). */
export function classify(
  issue: Pick<IssueFacts, 'labels' | 'title' | 'issueType'>,
  config: ResolvedConfig,
): Classification {
  let classifier = classifiers.get(config);
  if (!classifier) {
    classifier = compileClassifier(config);
    classifiers.set(config, classifier);
  }
  return classifier.classify(issue);
}
