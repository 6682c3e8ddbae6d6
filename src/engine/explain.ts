// `backlog-lint explain N`: every signal an issue carries (native issue type, labels, title
// prefix), what each says about the type and why, which ones decided (the strongest present,
// see vocabulary.ts STRENGTH), and which rules fired. For people tuning a config; not on the
// hot path, so it reads each signal afresh through the same index the engine uses.
import type { Finding, IssueResult, ResolvedConfig } from '../types.js';
import { SignalIndex } from './classify.js';
import { STRENGTH, titleHead, wordKey, type Strength } from './vocabulary.js';

export interface ExplainedSignal {
  /** `issue type`, `label` or `title prefix`. */
  source: 'issue type' | 'label' | 'title prefix';
  /** As written on the issue. */
  text: string;
  /** Strength when it names a type; null when it names none. */
  strength: Strength | null;
  /** Types it names, in config order. */
  types: string[];
  /** Whether it decided the type (one of the strongest signals present). */
  counted: boolean;
  /** Why it names these types, or none; and why it did not count. */
  why: string;
}

export interface Explanation {
  issue: number;
  title: string;
  signals: ExplainedSignal[];
  type: string | null;
  ownerRole: string | null;
  signal: string | null;
  /** Types of the deciding strength (more than one role: ambiguous). */
  types: string[];
  status: IssueResult['status'];
  ignoredReason?: string;
  findings: Finding[];
}

const STRENGTH_NAMES: Record<Strength, string> = {
  0: 'native issue type',
  1: 'namespaced type label',
  2: 'plain label',
  3: 'title prefix',
};

export function explainIssue(
  issue: IssueResult,
  config: ResolvedConfig,
  findings: readonly Finding[],
): Explanation {
  const index = new SignalIndex(config);
  const names = (indices: readonly number[]) => indices.map((i) => index.typeNames[i] ?? '?');
  const owned = (indices: readonly number[]) =>
    names(indices)
      .map((t) => `${t} (${config.types[t]?.owner ?? '?'})`)
      .join(', ');
  const signals: ExplainedSignal[] = [];

  if (issue.issueType !== null) {
    const indices = index.issueType(issue.issueType);
    const configured = index.configuredIssueType(issue.issueType);
    const why =
      indices.length === 0
        ? `no type lists issue type "${issue.issueType}" and "${wordKey(issue.issueType)}" is no type word`
        : configured.length > 0
          ? `listed in issue-types of ${owned(configured)}`
          : `"${wordKey(issue.issueType)}" is a word of ${owned(indices)}`;
    signals.push(signal('issue type', issue.issueType, indices, STRENGTH.issueType, why));
  }

  for (const label of issue.labels) {
    const info = index.label(label);
    const reading = index.vocabulary.readLabel(label);
    const patterns = index.patternTypes(label);
    const parts: string[] = [];
    if (patterns.length > 0) parts.push(`matches a labels pattern of ${owned(patterns)}`);
    switch (reading.kind) {
      case 'attribute':
        parts.push(
          `"${reading.namespace ?? reading.word}" is an attribute namespace (area, priority, state, size...): it never decides a type`,
        );
        break;
      case 'namespaced':
        parts.push(
          reading.types.length > 0
            ? `type namespace "${reading.namespace ?? ''}", "${reading.word}" is a word of ${owned(reading.types)}`
            : `type namespace "${reading.namespace ?? ''}", but "${reading.word}" is no type word`,
        );
        break;
      case 'plain':
        parts.push(`"${reading.word}" is a word of ${owned(reading.types)}`);
        break;
      case 'none':
        if (patterns.length === 0) {
          parts.push(reading.word ? `"${reading.word}" is no type word` : 'no word in it');
        }
        break;
    }
    const strength = info.indices.length > 0 ? info.strength : null;
    signals.push(signal('label', label, info.indices, strength, parts.join('; ')));
  }

  const titleTypes = index.title(issue.title);
  const head = titleHead(issue.title);
  if (titleTypes.length > 0 || head !== null) {
    const configured = index.configuredPrefixes(issue.title);
    const why =
      titleTypes.length === 0
        ? `"${head ?? ''}" is no type word`
        : configured.length > 0
          ? `a title prefix of ${owned(configured)}`
          : `"${wordKey(head ?? '')}" is a word of ${owned(titleTypes)}`;
    const shown = titleTypes.length > 0 ? index.titleSignal(issue.title).slice(13) : (head ?? '');
    signals.push(signal('title prefix', shown, titleTypes, STRENGTH.titlePrefix, why));
  }

  // The strongest strength present decides; weaker signals are outranked.
  const named = signals.filter((s) => s.strength !== null);
  const best = named.length > 0 ? Math.min(...named.map((s) => s.strength ?? 9)) : null;
  for (const s of named) {
    s.counted = s.strength === best;
    if (!s.counted && best !== null) {
      s.why += `; outranked: a ${STRENGTH_NAMES[best as Strength]} is stronger than a ${STRENGTH_NAMES[s.strength as Strength]}`;
    }
  }

  return {
    issue: issue.number,
    title: issue.title,
    signals,
    type: issue.type,
    ownerRole: issue.ownerRole,
    signal: issue.signal,
    types: [...issue.types],
    status: issue.status,
    ...(issue.ignoredReason !== undefined && { ignoredReason: issue.ignoredReason }),
    findings: findings.filter((f) => f.issue === issue.number),
  };

  function signal(
    source: ExplainedSignal['source'],
    text: string,
    indices: readonly number[],
    strength: Strength | null,
    why: string,
  ): ExplainedSignal {
    return {
      source,
      text,
      strength: indices.length > 0 ? strength : null,
      types: names(indices),
      counted: false,
      why,
    };
  }
}

/** The explanation as text for a terminal. */
export function renderExplanation(e: Explanation): string {
  const lines = [`#${e.issue} ${e.title}`, ''];
  lines.push(
    'Signals (strongest decides: native issue type > namespaced type label > plain label > title prefix):',
  );
  if (e.signals.length === 0) lines.push('  (none: no issue type, no labels, no title prefix)');
  for (const s of e.signals) {
    const mark = s.counted ? '✔' : s.strength === null ? '·' : '✘';
    const text = s.source === 'label' ? JSON.stringify(s.text) : s.text;
    const types = s.types.length > 0 ? ` → ${s.types.join(', ')}` : '';
    lines.push(`  ${mark} ${s.source} ${text}${types}`);
    lines.push(`      ${s.why}`);
  }
  lines.push('');
  if (e.status === 'ignored') lines.push(`Not checked: ${e.ignoredReason ?? 'ignored'}`);
  if (e.type !== null) {
    lines.push(`Type: ${e.type}, owned by ${e.ownerRole ?? '?'} (decided by ${e.signal ?? '?'})`);
  } else if (e.types.length > 0) {
    lines.push(
      `Type: ambiguous: ${e.types.join(', ')} are owned by different roles (${e.signal ?? ''} and others of the same strength)`,
    );
  } else {
    lines.push('Type: none (no signal names a type)');
  }
  lines.push('');
  if (e.findings.length === 0) lines.push('Rules fired: none');
  else {
    lines.push('Rules fired:');
    for (const f of e.findings) lines.push(`  ${f.severity} ${f.rule}: ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}
