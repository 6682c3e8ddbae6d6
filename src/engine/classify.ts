// Which types an issue matches (labels, title prefixes, native issue type) and which
// roles own them. Matchers are compiled once per config and reused for every issue.
import type { IssueFacts, ResolvedConfig } from '../types.js';
import { LabelPatternIndex } from './label-patterns.js';

export interface Classification {
  /** Every matched type, in config order. */
  types: string[];
  /** Owner roles of the matched types, in order of first appearance. */
  roles: string[];
}

export interface Classifier {
  classify(issue: Pick<IssueFacts, 'labels' | 'title' | 'issueType'>): Classification;
}

export function compileClassifier(config: ResolvedConfig): Classifier {
  const typeNames = Object.keys(config.types);
  const typeConfigs = Object.values(config.types);
  const owners = typeConfigs.map((type) => type.owner);
  const labelIndex = new LabelPatternIndex(typeConfigs.map((t) => t.labels));
  const prefixes = typeConfigs.flatMap((t, index) =>
    t.titlePrefixes
      .map((p) => p.trimStart().toLowerCase())
      .filter((p) => p !== '')
      .map((prefix) => ({ prefix, index })),
  );
  const issueTypes = new Map<string, number[]>();
  typeConfigs.forEach((t, index) => {
    for (const name of t.issueTypes) {
      const key = name.trim().toLowerCase();
      issueTypes.set(key, [...(issueTypes.get(key) ?? []), index]);
    }
  });

  return {
    classify(issue) {
      // Type indices; an issue matches few types, so a small array beats a Set.
      const matched: number[] = [];
      for (const label of issue.labels) {
        for (const index of labelIndex.keysOf(label)) addOnce(matched, index);
      }
      if (prefixes.length > 0) {
        const title = issue.title.trimStart().toLowerCase();
        for (const { prefix, index } of prefixes) {
          if (title.startsWith(prefix)) addOnce(matched, index);
        }
      }
      if (issue.issueType !== null) {
        const indices = issueTypes.get(issue.issueType.trim().toLowerCase()) ?? [];
        for (const index of indices) addOnce(matched, index);
      }
      if (matched.length > 1) matched.sort((a, b) => a - b);
      // map() sizes the kept array exactly; push() would reserve room for 17 per issue.
      const types = matched.map((index) => typeNames[index] ?? '');
      const roles: string[] = [];
      for (const index of matched) {
        const owner = owners[index];
        if (owner !== undefined && !roles.includes(owner)) roles.push(owner);
      }
      return { types, roles };
    },
  };
}

function addOnce(list: number[], value: number): void {
  if (!list.includes(value)) list.push(value);
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
