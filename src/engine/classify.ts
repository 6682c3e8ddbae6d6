// Which types an issue matches (native issue type, labels, title prefixes) and which roles
// own them. Each signal has a strength (engine/vocabulary.ts STRENGTH): the native issue type
// beats a namespaced type label (`kind/bug`), which beats a plain label (`bug`), which beats
// a title prefix (`[Bug]`). Only the strongest signals present decide; weaker ones do not
// count, so `enhancement` + `Blocked` is a feature and `type: feature` + `bug` is a feature.
// Matchers are compiled once per config and reused for every issue.
import type { IssueFacts, ResolvedConfig, TypeConfig } from '../types.js';
import { LabelPatternIndex } from '../label-patterns.js';
import { CappedMap } from '../names.js';
import { freeze } from './shared.js';
import { STRENGTH, titleHead, Vocabulary, wordKey, type Strength } from './vocabulary.js';

export interface Classification {
  /** The matched types that decide (those of the strongest signals), in config order. */
  types: readonly string[];
  /** Owner roles of those types, in order of first appearance. */
  roles: string[];
  /** The deciding signal (see IssueResult.signal); null when untyped. */
  signal: string | null;
}

export interface Classifier {
  classify(issue: ClassifiedFacts): Classification;
}

/**
 * A classification as the engine keeps it. Issues with the same matches share one (a
 * backlog has few distinct combinations), so it must not be modified.
 */
export interface Match {
  /** Frozen: results share it (see shared.ts). */
  readonly types: readonly string[];
  readonly roles: readonly string[];
  /** The single owning role; null when untyped or ambiguous. */
  readonly ownerRole: string | null;
  /** The first matched type when there is an owner role, else null. */
  readonly type: string | null;
  /** Strength of the signals that decided; null when untyped. */
  readonly strength: Strength | null;
}

export type ClassifiedFacts = Pick<IssueFacts, 'labels' | 'title' | 'issueType'>;

/** The engine's matcher: `match` returns shared, read-only matches. */
export interface Matcher {
  match(issue: ClassifiedFacts): Match;
  /** The signal that decided the last `match` (null when untyped). */
  readonly lastSignal: string | null;
}

// Up to this many types, a set of matched types is an int32 bit mask: per-issue matching
// is then a few Map lookups and ORs, and the matches themselves are shared per mask.
const MASK_BITS = 30;
const NO_INDICES: readonly number[] = [];
const LEVELS = 4;

/** Every way a type can be identified by words: its `words` and `synonyms`. */
export function typeWords(type: TypeConfig): string[] {
  return [...(type.words ?? []), ...(type.synonyms ?? [])];
}

/** A label as the matcher keeps it: which types it names, and how strongly. */
interface LabelInfo {
  strength: Strength;
  indices: readonly number[];
  mask: number;
  /** `label "<name>"` */
  signal: string;
}

/** Label, title and issue-type lookups of one config, each cached per distinct text. */
export class SignalIndex {
  readonly typeNames: string[];
  readonly owners: string[];
  readonly vocabulary: Vocabulary;
  private readonly labelIndex: LabelPatternIndex;
  private readonly prefixes: PrefixMatcher;
  private readonly issueTypes = new Map<string, number[]>();
  private readonly labels = new CappedMap<string, LabelInfo>();
  private readonly issueTypeCache = new CappedMap<string, readonly number[]>();
  private readonly heads = new CappedMap<string, readonly number[]>();

  constructor(config: ResolvedConfig) {
    const typeConfigs = Object.values(config.types);
    this.typeNames = Object.keys(config.types);
    this.owners = typeConfigs.map((type) => type.owner);
    this.labelIndex = new LabelPatternIndex(typeConfigs.map((t) => t.labels));
    this.prefixes = new PrefixMatcher(typeConfigs.map((t) => t.titlePrefixes));
    this.vocabulary = new Vocabulary(
      typeConfigs.map(typeWords),
      typeConfigs.map((t) => t.words ?? []),
    );
    typeConfigs.forEach((t, index) => {
      for (const name of t.issueTypes) {
        const key = name.trim().toLowerCase();
        const indices = this.issueTypes.get(key);
        if (!indices) this.issueTypes.set(key, [index]);
        else if (!indices.includes(index)) indices.push(index);
      }
    });
  }

  label(label: string): LabelInfo {
    let info = this.labels.get(label);
    if (info === undefined) {
      const reading = this.vocabulary.readLabel(label);
      // A label a config lists (`labels`) keeps exactly the types that list it; words only
      // read the labels no pattern names.
      const listed = this.labelIndex.keysOf(label);
      const indices = listed.length > 0 ? listed : reading.types;
      info = {
        strength: reading.kind === 'namespaced' ? STRENGTH.namespacedLabel : STRENGTH.plainLabel,
        indices,
        mask: toMask(indices),
        signal: `label ${JSON.stringify(label)}`,
      };
      this.labels.set(label, info);
    }
    return info;
  }

  /** Types whose configured `labels` patterns match the label (explain). */
  patternTypes(label: string): readonly number[] {
    return this.labelIndex.keysOf(label);
  }

  /** Types whose configured `issue-types` name this one (explain). */
  configuredIssueType(name: string): readonly number[] {
    return this.issueTypes.get(name.trim().toLowerCase()) ?? NO_INDICES;
  }

  /** Types whose configured `title-prefixes` start the title (explain). */
  configuredPrefixes(title: string): readonly number[] {
    return this.prefixes.isEmpty ? NO_INDICES : [...new Set(this.prefixes.match(title))];
  }

  issueType(name: string): readonly number[] {
    let indices = this.issueTypeCache.get(name);
    if (indices === undefined) {
      // Configured `issue-types` first; the type words only for names no type lists.
      indices =
        this.issueTypes.get(name.trim().toLowerCase()) ??
        this.vocabulary.typesOfWord(wordKey(name));
      this.issueTypeCache.set(name, indices);
    }
    return indices;
  }

  /** Types named by the title's prefix: configured prefixes, or a type word in `[X]` / `X:`. */
  title(title: string): readonly number[] {
    const configured = this.prefixes.isEmpty ? NO_INDICES : this.prefixes.match(title);
    // Configured `title-prefixes` first; the type words only when none matches.
    if (configured.length > 0 || this.vocabulary.isEmpty) return configured;
    if (!this.vocabulary.titleMayStart(title)) return configured;
    const head = titleHead(title);
    if (head === null || !this.vocabulary.mayStart(head)) return configured;
    let indices = this.heads.get(head);
    if (indices === undefined) {
      const reading = this.vocabulary.readLabel(head);
      indices = reading.kind === 'attribute' ? NO_INDICES : reading.types;
      this.heads.set(head, indices);
    }
    return indices;
  }

  /** The title prefix as a signal: `title prefix [Bug]`. */
  titleSignal(title: string): string {
    // Set by the `match` of this same title, just before (ASCII titles).
    if (this.prefixes.lastSignal !== null) return this.prefixes.lastSignal;
    const prefix = this.prefixes.matchedText(title);
    if (prefix !== null) return `title prefix ${prefix}`;
    const trimmed = title.trimStart();
    const head = titleHead(trimmed);
    if (head === null) return 'title prefix';
    const at = trimmed.indexOf(head);
    const end = at + head.length;
    const closing = trimmed[end] === ']' || trimmed[end] === ')' ? 1 : 0;
    const shown = trimmed.slice(0, end + closing);
    return `title prefix ${closing ? shown : `${shown}:`}`;
  }
}

/** The engine's classifier: returns shared, read-only matches and the deciding signal. */
export function compileMatcher(config: ResolvedConfig): Matcher {
  const index = new SignalIndex(config);
  const { typeNames, owners } = index;

  const toMatch = (matched: readonly number[], strength: Strength | null): Match => {
    const types = freeze(matched.map((i) => typeNames[i] ?? ''));
    const roles: string[] = [];
    for (const i of matched) {
      const owner = owners[i];
      if (owner !== undefined && !roles.includes(owner)) roles.push(owner);
    }
    const ownerRole = roles.length === 1 ? (roles[0] ?? null) : null;
    return {
      types,
      roles,
      ownerRole,
      type: ownerRole === null ? null : (types[0] ?? null),
      strength: matched.length === 0 ? null : strength,
    };
  };

  const untyped = toMatch([], null);
  const state = { lastSignal: null as string | null };

  /** The signal of the decided type (or, when ambiguous, of the first type decided). */
  const signalOf = (issue: ClassifiedFacts, strength: Strength, typeIndex: number): string => {
    if (strength === STRENGTH.issueType) return `issue type ${issue.issueType ?? ''}`;
    if (strength === STRENGTH.titlePrefix) return index.titleSignal(issue.title);
    for (const label of issue.labels) {
      const info = index.label(label);
      if (info.strength === strength && info.indices.includes(typeIndex)) return info.signal;
    }
    return '';
  };

  if (typeNames.length > MASK_BITS) {
    // Rare: many types. Matches are collected as lists of type indices per strength.
    const byKey = new Map<string, Match>();
    const match = (issue: ClassifiedFacts): Match => {
      const levels: number[][] = [[], [], [], []];
      if (issue.issueType !== null) addAll(levels[0]!, index.issueType(issue.issueType));
      for (const label of issue.labels) {
        const info = index.label(label);
        addAll(levels[info.strength]!, info.indices);
      }
      addAll(levels[3]!, index.title(issue.title));
      const strength = levels.findIndex((l) => l.length > 0);
      if (strength < 0) {
        state.lastSignal = null;
        return untyped;
      }
      const matched = levels[strength]!.sort((a, b) => a - b);
      const key = `${strength}:${matched.join()}`;
      let result = byKey.get(key);
      if (result === undefined) {
        result = toMatch(matched, strength as Strength);
        byKey.set(key, result);
      }
      state.lastSignal = signalOf(issue, strength as Strength, matched[0] ?? 0);
      return result;
    };
    return {
      match,
      get lastSignal() {
        return state.lastSignal;
      },
    };
  }

  // One map per strength, keyed by the mask (a small integer: no boxed number per lookup).
  const byMask = Array.from({ length: LEVELS }, () => new Map<number, Match>());
  const masks = new Int32Array(LEVELS);
  // The first label of each strength: usually the deciding signal, found without a second pass.
  const firstLabel: (LabelInfo | null)[] = [null, null, null, null];
  const match = (issue: ClassifiedFacts): Match => {
    masks[0] = masks[1] = masks[2] = masks[3] = 0;
    firstLabel[1] = firstLabel[2] = null;
    if (issue.issueType !== null) masks[0] = toMask(index.issueType(issue.issueType));
    const { labels } = issue;
    for (let i = 0; i < labels.length; i++) {
      const info = index.label(labels[i] as string);
      if (info.mask !== 0) {
        masks[info.strength]! |= info.mask;
        firstLabel[info.strength] ??= info;
      }
    }
    masks[3] = toMask(index.title(issue.title));
    let strength = 0;
    while (strength < LEVELS && masks[strength] === 0) strength++;
    if (strength === LEVELS) {
      state.lastSignal = null;
      return untyped;
    }
    const mask = masks[strength] ?? 0;
    const matches = byMask[strength]!;
    let result = matches.get(mask);
    if (result === undefined) {
      const matched: number[] = [];
      for (let i = 0; i < typeNames.length; i++) if (mask & (1 << i)) matched.push(i);
      result = toMatch(matched, strength as Strength);
      matches.set(mask, result);
    }
    const lowest = mask & -mask;
    const first = firstLabel[strength];
    state.lastSignal =
      first != null && (first.mask & lowest) !== 0
        ? first.signal
        : signalOf(issue, strength as Strength, 31 - Math.clz32(lowest));
    return result;
  };
  return {
    match,
    get lastSignal() {
      return state.lastSignal;
    },
  };
}

export function compileClassifier(config: ResolvedConfig): Classifier {
  const matcher = compileMatcher(config);
  return {
    classify(issue) {
      const { types, roles } = matcher.match(issue);
      // Fresh arrays: callers own what they are given.
      return { types: [...types], roles: [...roles], signal: matcher.lastSignal };
    },
  };
}

function toMask(indices: readonly number[]): number {
  let mask = 0;
  for (let i = 0; i < indices.length; i++) mask |= 1 << (indices[i] as number);
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
  private readonly all: { prefix: string; raw: string; index: number }[] = [];
  private readonly root: PrefixNode = { ends: [], next: new Map() };
  readonly isEmpty: boolean;

  constructor(groups: readonly (readonly string[])[]) {
    groups.forEach((prefixes, index) => {
      for (const raw of prefixes) {
        const prefix = raw.trimStart().toLowerCase();
        if (prefix === '') continue;
        this.all.push({ prefix, raw: raw.trim(), index });
        let node = this.root;
        for (let i = 0; i < prefix.length; i++) {
          const code = prefix.charCodeAt(i);
          let next = node.next.get(code);
          if (next === undefined) node.next.set(code, (next = { ends: [], next: new Map() }));
          node = next;
        }
        node.ends.push(index);
        node.signal ??= `title prefix ${raw.trim()}`;
      }
    });
    this.isEmpty = this.all.length === 0;
  }

  /** The longest configured prefix the title starts with, as configured; null when none. */
  matchedText(title: string): string | null {
    const normal = title.trimStart().toLowerCase();
    let best: string | null = null;
    for (const { prefix, raw } of this.all) {
      if (normal.startsWith(prefix) && (best === null || raw.length > best.length)) best = raw;
    }
    return best;
  }

  /** The signal of the longest prefix the last ASCII `match` found (see `titleSignal`). */
  lastSignal: string | null = null;

  /** Indices of the types whose prefixes the title starts with (may repeat). */
  match(title: string): readonly number[] {
    this.lastSignal = null;
    const first = title.charCodeAt(0);
    // ASCII, not whitespace: nothing to trim.
    if (first > 32 && first < 128) {
      let matched: readonly number[] = NO_INDICES;
      let node = this.root;
      for (let i = 0; ; i++) {
        if (node.ends.length > 0) {
          matched = matched.concat(node.ends);
          this.lastSignal = node.signal ?? null;
        }
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
  /** `title prefix <prefix>` of the (first) prefix that ends here. */
  signal?: string;
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
