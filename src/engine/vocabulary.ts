// Type words: how a label, a title prefix or an issue type name is read as the word a
// repository uses for a type, whatever its namespace, separator, case or decoration.
// `kind/regression`, `C-feature-request`, `type::bug`, `>enhancement`, `Type: Feature
// Request`, `FeatureRequest`, `release_note:feature`, `✨FEATURE` and `[Type] Bug` all come
// down to a word (`regression`, `feature request`, `bug`, ...) that the presets' `words` and
// `synonyms` are compared with, normalised the same way once per config.
//
// Namespaces are code, not preset data: they describe how labels are written on GitHub, not
// which role owns what. A namespace either says "what follows is a type" (type namespaces)
// or "what follows is an attribute: area, priority, state, size..." (attribute namespaces).
// An attribute never yields a type, whatever word follows (`risk: high`, `area/release`).

/** How strongly a signal decides the type; a lower number wins (see README "Precedence"). */
export const STRENGTH = {
  issueType: 0,
  namespacedLabel: 1,
  plainLabel: 2,
  titlePrefix: 3,
} as const;
export type Strength = (typeof STRENGTH)[keyof typeof STRENGTH];

/** Namespaces whose value is the issue's type (compared as normalised words). */
export const TYPE_NAMESPACES: readonly string[] = [
  'kind',
  'type',
  'types',
  'issue type',
  'issuetype',
  'issue kind',
  'release note', // Kubernetes `release-note-*`, Elastic `release_note:feature`
  'changelog', // `changelog: fix`, `changelog/added`
  '>', // Elastic `>bug`
];

/** One-letter namespaces are case-sensitive: Rust's `C-` is a category and `I-` an issue kind (`I-crash`), its `T-` a team. */
export const TYPE_LETTERS: readonly string[] = ['C', 't', 'I'];

/** Namespaces whose value is an attribute (area, priority, state, stage, size...). */
export const ATTRIBUTE_NAMESPACES: readonly string[] = [
  // where: area, component, team
  'area',
  'component',
  'comp',
  'module',
  'pkg',
  'package',
  'packages',
  'app',
  'apps',
  'product',
  'platform',
  'os',
  'browser',
  'env',
  'environment',
  'lang',
  'language',
  'plugin',
  'provider',
  'context',
  'domain',
  'scope',
  'topic',
  'team',
  'sig',
  'wg',
  'committee',
  'group',
  'section',
  'devops',
  'owner',
  'feature', // Kibana `Feature:Alerting` is an area (GitLab `feature::addition` is read as a type word)
  // state and workflow
  'status',
  'state',
  'stage',
  'phase',
  'lifecycle',
  'triage',
  'need',
  'needs',
  'requires',
  'waiting',
  'awaiting',
  'blocked',
  'workflow',
  'process',
  'resolution',
  'closed',
  'review',
  'merge',
  'autorelease',
  'renovate',
  // how important, big or risky
  'priority',
  'prio',
  'pri',
  'p',
  'severity',
  'sev',
  'impact',
  'freq',
  'frequency',
  'workaround',
  'risk',
  'effort',
  'size',
  'estimate',
  'points',
  'story points',
  'difficulty',
  'complexity',
  'level',
  // when
  'quarter',
  'milestone',
  'sprint',
  'iteration',
  'version',
  'target',
  'affects',
  'branch',
];

/** One-letter attribute namespaces (Rust and Bevy): area, team, priority, status, ... */
export const ATTRIBUTE_LETTERS: readonly string[] = ['A', 'T', 'P', 'p', 'S', 'E', 'D', 'X', 'O'];

// Emoji and decorations around a label: pictographs, flags, keycaps, skin tones, the
// zero-width joiner and variation selectors, and GitHub `:shortcode:`s.
const EMOJI =
  /(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u200D|\uFE0E|\uFE0F|\u20E3)/u;
const LEADING_DECORATION = new RegExp(
  `^(?:\\s|${EMOJI.source}|:[a-z0-9_+-]+:|[*•·#~|\\-_.,;!?"'\`])+`,
  'u',
);
const TRAILING_DECORATION = new RegExp(
  `(?:\\s|${EMOJI.source}|:[a-z0-9_+-]+:|[*•·#~|\\-_.,;!?"'\`])+$`,
  'u',
);
const CAMEL_LOWER_UPPER = /(\p{Ll}|\p{N})(\p{Lu})/gu;
const CAMEL_ACRONYM = /(\p{Lu})(\p{Lu}\p{Ll})/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Strips emoji, shortcodes and punctuation around a label, keeping its case. */
export function undecorate(text: string): string {
  return text
    .normalize('NFC')
    .replace(LEADING_DECORATION, '')
    .replace(TRAILING_DECORATION, '')
    .trim();
}

/**
 * The comparison key of a word: camel case split (`FeatureRequest` → `feature request`),
 * lower case, any run of non-letters a single space, each token singular (`bugs` → `bug`,
 * `user stories` → `user story`). Applied to preset words and to labels alike.
 */
export function wordKey(text: string): string {
  // Most preset words and labels are written in a key's shape already: nothing to strip, split
  // or lower (each of those steps leaves such text as it is).
  if (PLAIN_WORDS.test(text)) return text.split(' ').map(singular).join(' ');
  return wordKeyByPipeline(text);
}

/** Lower-case ASCII words separated by single spaces. */
const PLAIN_WORDS = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** wordKey step by step, for any text (exported for the test of wordKey's shortcut). */
export function wordKeyByPipeline(text: string): string {
  const spaced = undecorate(text)
    .replace(EMOJI_GLOBAL, ' ')
    .replace(CAMEL_LOWER_UPPER, '$1 $2')
    .replace(CAMEL_ACRONYM, '$1 $2')
    .toLowerCase()
    .replace(NON_WORD, ' ')
    .trim();
  if (spaced === '') return '';
  return spaced.split(' ').map(singular).join(' ');
}

const EMOJI_GLOBAL = new RegExp(EMOJI.source, 'gu');

/** English plural to singular for the shapes labels use; short words are left alone. */
function singular(token: string): string {
  if (token.length < 4) return token;
  if (token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.endsWith('sses')) return token.slice(0, -2);
  if (/(?:ch|sh|x)es$/.test(token)) return token.slice(0, -2);
  if (token.endsWith('s') && !/(?:ss|us|is)$/.test(token)) return token.slice(0, -1);
  return token;
}

/** What a label (or title prefix) says about the type. */
export interface WordReading {
  /**
   * `namespaced`: a type namespace names the type (`kind/bug`); `plain`: the label is a word
   * (`bug`); `attribute`: an attribute namespace (`priority/high`), never a type; `none`:
   * no type word in it.
   */
  kind: 'namespaced' | 'plain' | 'attribute' | 'none';
  /** The normalised word looked up (or the namespace, for attributes); '' when none. */
  word: string;
  /** Type indices the word belongs to (empty for attributes and unknown words). */
  types: readonly number[];
  /** The namespace as written, when the label has one. */
  namespace?: string;
}

const NO_TYPES: readonly number[] = [];

/** Words and namespaces of a config, normalised once; reads labels against them. */
export class Vocabulary {
  private readonly words = new Map<string, number[]>();
  /** One-token `words` (not synonyms): `bug`, `regression`; see `readPhrase`'s fallbacks. */
  private readonly heads = new Set<string>();
  /** First tokens of every word and type namespace (see `mayStart`). */
  private readonly starts = new Set<string>();
  private readonly startTree: CharNode = { end: false, next: new Map() };
  private readonly typeNamespaces = new Set(TYPE_NAMESPACES.map(wordKeyOrSymbol));
  private readonly attributeNamespaces = new Set(ATTRIBUTE_NAMESPACES.map(wordKeyOrSymbol));
  readonly isEmpty: boolean;

  /**
   * `groups[i]`: the words and synonyms of type i; `primary[i]`, when given, its `words`
   * alone (one-token ones may also end a longer label: `whatsapp bug`, `I-crash`).
   */
  constructor(
    groups: readonly (readonly string[])[],
    primary: readonly (readonly string[])[] = [],
  ) {
    groups.forEach((words, index) => {
      for (const word of words) {
        const key = wordKey(word);
        if (key === '') continue;
        const types = this.words.get(key);
        if (!types) this.words.set(key, [index]);
        else if (!types.includes(index)) types.push(index);
      }
    });
    for (const words of primary) {
      for (const word of words) {
        const key = wordKey(word);
        if (
          key !== '' &&
          !key.includes(' ') &&
          (!this.attributeNamespaces.has(key) || EXPLICIT_ONLY_ATTRIBUTES.has(key)) &&
          !NOT_HEAD_NOUNS.has(key)
        ) {
          this.heads.add(key);
        }
      }
    }
    for (const key of [...this.words.keys(), ...this.typeNamespaces]) {
      this.starts.add(key.split(' ')[0] ?? '');
    }
    for (const letter of TYPE_LETTERS) this.starts.add(letter.toLowerCase());
    for (const start of this.starts) {
      for (const form of [start, `${start}s`, `${start}es`]) addToTree(this.startTree, form);
      if (start.endsWith('y')) addToTree(this.startTree, `${start.slice(0, -1)}ies`);
    }
    this.isEmpty = this.words.size === 0;
  }

  /**
   * Whether text starting with this token could name a type (a cheap test before reading a
   * title's prefix: most titles start with words no type word or namespace starts with).
   */
  mayStart(text: string): boolean {
    const token = FIRST_TOKEN.exec(text)?.[0];
    if (token === undefined) return true; // not ASCII letters: read it fully
    return this.starts.has(singular(token.toLowerCase()));
  }

  /**
   * `mayStart` for a whole title, without allocating: its first ASCII word (after `[` or
   * `(`), read char by char through a tree of the start tokens and their plurals. Titles
   * that start otherwise (emoji, non-ASCII) answer true and are read fully.
   */
  titleMayStart(title: string): boolean {
    let i = 0;
    const open = title.charCodeAt(0);
    if (open === 91 || open === 40) i = 1; // `[`, `(`
    let node = this.startTree;
    const first = title.charCodeAt(i);
    if (!isAsciiLetter(first)) return true;
    for (; i < title.length; i++) {
      const code = title.charCodeAt(i);
      if (!isAsciiLetter(code)) break;
      // camel case: `FeatureRequest` ends its first word at the `R`
      if (node !== this.startTree && code <= 90 && isLower(title.charCodeAt(i - 1))) break;
      const next = node.next.get(code | 32);
      if (next === undefined) return false;
      node = next;
    }
    return node.end;
  }

  /** Types of a normalised word. */
  typesOfWord(key: string): readonly number[] {
    return this.words.get(key) ?? NO_TYPES;
  }

  /** Reads a label: namespace, word and the types the word belongs to. */
  readLabel(label: string): WordReading {
    const text = undecorate(label);
    if (text === '') return none('');
    const split = splitNamespace(text);
    if (split) return this.readNamespaced(text, split);
    return this.readPhrase(text);
  }

  /** A label without an explicit namespace separator: `bug`, `C-bug`, `priority-high`. */
  private readPhrase(text: string): WordReading {
    const key = wordKey(text);
    const direct = this.typesOfWord(key);
    if (direct.length > 0) return { kind: 'plain', word: key, types: direct };
    const tokens = tokensOf(text);
    // `t-bug`, `C-feature-request`, `release-note-none`, `priority-high`, `P-high`
    for (const take of [2, 1]) {
      if (tokens.length <= take) continue;
      const head = tokens.slice(0, take);
      const rest = tokens.slice(take).join(' ');
      const namespace = head.join(' ');
      const role = this.namespaceRole(namespace, take === 1 ? (head[0] ?? '') : '');
      if (role === 'type') return this.valueOf(namespace, rest);
      // `feature-idea`, `feature-accepted`: only `Feature:` / `feature/` name an area.
      if (role === 'attribute' && !EXPLICIT_ONLY_ATTRIBUTES.has(namespace)) {
        return attribute(namespace);
      }
    }
    // `backport-1.x`: a word followed by a version; `release-1.2` names a target (attribute).
    const trimmed = withoutVersion(key);
    if (trimmed !== key && trimmed !== '') {
      if (VERSION_TARGETS.has(trimmed)) return attribute(trimmed);
      const types = this.typesOfWord(trimmed);
      if (types.length > 0) return { kind: 'plain', word: trimmed, types };
    }
    // A type word with a state after it (`bug-confirmed`, `proposal-accepted`,
    // `regression-untriaged`), or ending a short compound (`whatsapp bug`, `I-crash`,
    // `Experience Enhancement`: English puts the head noun last).
    const words = trimmed.split(' ');
    const first = words[0] ?? '';
    // `Not a Defect`, `non-issue`, `no-bug`: the label says "not this".
    if (NEGATIONS.has(first) || first === 'not' || first === 'non') return none(key);
    // An unknown one-letter prefix is a namespace we cannot read (`F-async_closure`).
    if ((tokens[0] ?? '').length === 1) return none(key);
    if (words.length >= 2 && this.heads.has(first) && words.slice(1).every(isStateWord)) {
      return { kind: 'plain', word: first, types: this.typesOfWord(first) };
    }
    const last = words[words.length - 1] ?? '';
    if (words.length >= 2 && words.length <= 3 && this.heads.has(last)) {
      return { kind: 'plain', word: last, types: this.typesOfWord(last) };
    }
    return none(key);
  }

  /** `kind/bug`, `type::feature`, `[Type] Bug`, `area/release`, `bug/confirmed`. */
  private readNamespaced(text: string, split: NamespaceSplit): WordReading {
    const { namespace, value, scoped } = split;
    const nsKey = wordKeyOrSymbol(namespace);
    const role = this.namespaceRole(nsKey, namespace.trim());
    if (role === 'type') return this.valueOf(namespace, value);
    // GitLab's scoped labels name the family first: `feature::addition`, `bug::functional`.
    if (scoped) {
      const types = this.typesOfWord(nsKey);
      if (types.length > 0) return { kind: 'plain', word: nsKey, types, namespace };
    }
    if (role === 'attribute') return attribute(namespace);
    // `backport:skip`, `changelog: none`: the label says "not this".
    if (NEGATIONS.has(wordKey(value))) return { ...none(wordKey(text)), namespace };
    // `release: 1.2`, `release/v2`: a target release, an attribute.
    if (VERSION_TARGETS.has(nsKey) && withoutVersion(`x ${wordKey(value)}`) === 'x') {
      return attribute(namespace);
    }
    // An unknown namespace: the whole label (`ci/cd`), the namespace (`bug/confirmed`), or
    // the value (`Meeting: Team Sync`) may be the word.
    for (const key of [wordKey(text), nsKey, wordKey(value)]) {
      const types = this.typesOfWord(key);
      if (types.length > 0) return { kind: 'plain', word: key, types, namespace };
    }
    return { ...none(wordKey(text)), namespace };
  }

  /** The value after a type namespace; it may carry a namespace of its own (`feature: ui`). */
  private valueOf(namespace: string, value: string): WordReading {
    const key = wordKey(value);
    const candidates = [key];
    const inner = splitNamespace(undecorate(value));
    if (inner) candidates.push(wordKey(inner.namespace), wordKey(inner.value));
    candidates.push(withoutVersion(key));
    for (const candidate of candidates) {
      const types = this.typesOfWord(candidate);
      if (types.length > 0) return { kind: 'namespaced', word: candidate, types, namespace };
    }
    return { kind: 'namespaced', word: key, types: NO_TYPES, namespace };
  }

  private namespaceRole(key: string, asWritten: string): 'type' | 'attribute' | null {
    // One letter: case-sensitive, as written.
    if (asWritten.length === 1) {
      if (TYPE_LETTERS.includes(asWritten)) return 'type';
      if (ATTRIBUTE_LETTERS.includes(asWritten)) return 'attribute';
      return asWritten === '>' ? 'type' : null;
    }
    if (this.typeNamespaces.has(key)) return 'type';
    if (this.attributeNamespaces.has(key)) return 'attribute';
    // Angular numbers its attribute families: `severity3: broken`, `freq1: low`.
    const unnumbered = key.replace(/\d+$/, '');
    if (unnumbered !== key && this.attributeNamespaces.has(unnumbered)) return 'attribute';
    return null;
  }
}

interface NamespaceSplit {
  namespace: string;
  value: string;
  /** GitLab scoped label (`a::b`). */
  scoped: boolean;
}

/**
 * The explicit namespace of a label: `[X] rest`, `(X) rest`, `>rest`, `:rest` (Elastic's
 * areas), or text before the first `:`, `::`, `/`, `|` or `=`.
 */
function splitNamespace(text: string): NamespaceSplit | null {
  const bracket = /^[[(]([^\])]{1,40})[\])]\s*(.+)$/u.exec(text);
  if (bracket) return { namespace: bracket[1] ?? '', value: bracket[2] ?? '', scoped: false };
  if (text.startsWith('>') && text.length > 1) {
    return { namespace: '>', value: text.slice(1), scoped: false };
  }
  if (text.startsWith(':') && text.length > 1 && !text.startsWith('::')) {
    return { namespace: 'area', value: text.slice(1), scoped: false };
  }
  const sep = /::|[:/|=]/u.exec(text);
  if (!sep || sep.index === 0) return null;
  const namespace = text.slice(0, sep.index).trim();
  const value = text.slice(sep.index + sep[0].length).trim();
  if (namespace === '' || value === '') return null;
  return { namespace, value, scoped: sep[0] === '::' };
}

/** A tree of lower-case ASCII words, char by char. */
interface CharNode {
  end: boolean;
  next: Map<number, CharNode>;
}

function addToTree(root: CharNode, word: string): void {
  let node = root;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    let next = node.next.get(code);
    if (next === undefined) node.next.set(code, (next = { end: false, next: new Map() }));
    node = next;
  }
  node.end = true;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** The first ASCII word of a text, camel case split (`FeatureRequest` → `Feature`). */
const FIRST_TOKEN = /^(?:[A-Z]?[a-z]+|[A-Z]+(?![a-z]))/;

/** Words that, followed by a version, name a target rather than a type (`release-1.2`). */
const VERSION_TARGETS = new Set(['release', 'milestone', 'sprint', 'version', 'target']);

/**
 * Type words that also end labels naming a state, a target or a resolution (`pending
 * release`, `next milestone`, `out of scope`): never read as the head noun of a compound.
 */
const NOT_HEAD_NOUNS = new Set([
  'release',
  'milestone',
  'delivery',
  'deliverable',
  'launch',
  'schedule',
  'timeline',
  'deadline',
  'scope',
  'meta',
  'task',
  'tracking',
  'planning',
  'closure',
  'feedback',
  'cost',
  'budget',
  'capacity',
  'roadmap',
  'strategy',
  'initiative',
  'coordination',
]);

/** Attribute namespaces only when written with `:` or `/` (Kibana's `Feature:Alerting`). */
const EXPLICIT_ONLY_ATTRIBUTES = new Set(['feature']);

/** Values that negate a namespace: `backport:skip`, `changelog: none`, `release-note-none`. */
const NEGATIONS = new Set(['skip', 'none', 'no', 'not needed', 'n a', 'false', 'exempt', 'ignore']);

/** States that may follow a type word (`bug-confirmed`, `proposal-accepted`). */
const STATE_WORDS = new Set([
  'accepted',
  'approved',
  'confirmed',
  'declined',
  'rejected',
  'hold',
  'candidate',
  'nominated',
  'requested',
  'pending',
  'wip',
  'untriaged',
  'triaged',
  'verified',
  'reproduced',
  'unconfirmed',
  'needed',
  'open',
  'closed',
  'from',
  'stable',
  'to',
  'nightly',
  'beta',
]);

function isStateWord(word: string): boolean {
  return STATE_WORDS.has(word);
}

/** Tokens as written (case kept, for one-letter namespaces), camel case split. */
function tokensOf(text: string): string[] {
  return text
    .replace(CAMEL_LOWER_UPPER, '$1 $2')
    .replace(CAMEL_ACRONYM, '$1 $2')
    .split(/[^\p{L}\p{N}>]+/u)
    .filter((t) => t !== '')
    .map((t) => (t.length === 1 ? t : singular(t.toLowerCase())));
}

/** `backport 1 x` → `backport`; `release v2` → `release`. */
function withoutVersion(key: string): string {
  const tokens = key.split(' ');
  while (tokens.length > 1 && /^(?:v?\d+\w*|x|lts)$/.test(tokens[tokens.length - 1] ?? '')) {
    tokens.pop();
  }
  return tokens.join(' ');
}

function wordKeyOrSymbol(text: string): string {
  const trimmed = text.trim();
  return trimmed === '>' ? '>' : wordKey(trimmed);
}

function none(word: string): WordReading {
  return { kind: 'none', word, types: NO_TYPES };
}

function attribute(namespace: string): WordReading {
  return { kind: 'attribute', word: wordKey(namespace), types: NO_TYPES, namespace };
}

/**
 * The prefix of a title that may name its type: `[Bug] ...` → `Bug`, `RFC: ...` → `RFC`,
 * `feat(api): ...` → `feat`, after leading emoji. Null when the title has none.
 */
export function titleHead(title: string): string | null {
  // Most titles start with a letter: no emoji or space to strip.
  const text = /^[A-Za-z[(]/.test(title) ? title : title.replace(LEADING_DECORATION, '');
  const bracket = /^[[(]([^\])]{1,40})[\])]/u.exec(text);
  if (bracket) return bracket[1] ?? null;
  const head = /^([\p{L}][\p{L}\p{N} _./-]{0,30}?)\s*(?:\([^)]{0,30}\))?!?\s*:/u.exec(text);
  return head ? (head[1] ?? null) : null;
}
