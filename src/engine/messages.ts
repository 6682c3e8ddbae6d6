// Finding messages, ESLint style: a rule declares its texts as templates by message id
// (`RuleModule.messages`, with `{{name}}` placeholders) and reports a message id with data;
// the engine checks each report against the rule's templates and formats its message here.
//
// Messages repeat across issues but for their `#<number>`: the text around `{{issue}}` is
// formatted once per rule, message id and data values and then shared, and a finding's
// message is its `#<number>` joined to that text. For 100,000 issues' findings that is tens
// of megabytes less, and a few map lookups cost less than formatting the text again.
import {
  RuleContractError,
  type MessageData,
  type RuleModule,
  type RuleReport,
} from '../rules/rule.js';
import type { RuleId } from '../types.js';

/** The placeholder the engine fills with the finding's issue, as `#<number>`. */
export const ISSUE_PLACEHOLDER = 'issue';

/** `{{…}}` without braces inside; what is inside must then be a NAME. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** A template cut at its placeholders: `texts[0]`, `{{slots[0]}}`, `texts[1]`, … `texts[n]`. */
export interface ParsedTemplate {
  texts: readonly string[];
  slots: readonly string[];
  /** The placeholders the report's data fills (all but `{{issue}}`), each once, in order. */
  names: readonly string[];
}

/** The template cut at its placeholders, or what is wrong with it. */
export function parseTemplate(template: string): ParsedTemplate | { problem: string } {
  if (template.trim() === '') return { problem: 'is empty' };
  const texts: string[] = [];
  const slots: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!NAME.test(name)) {
      return {
        problem: `has a malformed placeholder ${match[0]} (want {{name}}: a letter, then letters and digits)`,
      };
    }
    texts.push(template.slice(last, match.index));
    slots.push(name);
    if (name !== ISSUE_PLACEHOLDER && !names.includes(name)) names.push(name);
    last = match.index + match[0].length;
  }
  texts.push(template.slice(last));
  if (texts.some((text) => text.includes('{{') || text.includes('}}'))) {
    return { problem: 'has a "{{" or "}}" that opens or closes no placeholder' };
  }
  return { texts, slots, names };
}

/**
 * The formatted text of a message cut at its `{{issue}}`s (one more piece than there are of
 * them): `["", " has no milestone"]` for `{{issue}} has no milestone`.
 */
type Pieces = readonly string[];

/** Cached pieces: a map per data placeholder, keyed by its value, in `names` order. */
type Cache = Map<unknown, unknown>;

class MessageTemplate {
  readonly names: readonly string[];
  private readonly texts: readonly string[];
  private readonly slots: readonly string[];
  /** The pieces of a template without data placeholders. */
  private constant: Pieces | undefined;
  private cache: Cache | undefined;
  /** The data values (in `names` order) of the last cached `pieces`, and those pieces. */
  private lastValues: unknown[] | undefined;
  private lastPieces: Pieces | undefined;

  constructor(
    private readonly rule: RuleId,
    readonly id: string,
    parsed: ParsedTemplate,
  ) {
    this.texts = parsed.texts;
    this.slots = parsed.slots;
    this.names = parsed.names;
  }

  /**
   * The message's pieces for the report's data, cached by the data's values when `cached`.
   * Throws `RuleContractError` unless the data fills every placeholder, and, whenever a text
   * is formatted (each new combination of values, every uncached report), unless it fills
   * nothing else.
   */
  pieces(data: MessageData | undefined, cached: boolean): Pieces {
    const { names } = this;
    const count = names.length;
    if (count === 0) {
      if (data !== undefined) this.checkUnused(data);
      return (this.constant ??= this.format(data));
    }
    if (data === undefined) return this.missing(names[0] as string);
    // The last values formatted: consecutive reports (issues of one type, one owner) often
    // repeat them, and comparing them is cheaper than hashing them for the maps below.
    const last = this.lastValues;
    if (cached && last !== undefined) {
      let same = true;
      for (let i = 0; i < count; i++) {
        if (data[names[i] as string] !== last[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastPieces as Pieces;
    }
    const pieces = this.lookUp(data, cached);
    if (cached) {
      const values = (this.lastValues ??= new Array<unknown>(count));
      for (let i = 0; i < count; i++) values[i] = data[names[i] as string];
      this.lastPieces = pieces;
    }
    return pieces;
  }

  /** `pieces` past the last values: the maps by value, or formatting. */
  private lookUp(data: MessageData, cached: boolean): Pieces {
    const { names } = this;
    const count = names.length;
    // One pass over the placeholders: each must have a value, which leads to the next map.
    let level: Cache | undefined = cached ? (this.cache ??= new Map()) : undefined;
    let found: unknown;
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const value = data[name];
      if (value === undefined) return this.missing(name);
      if (level === undefined) continue;
      found = level.get(value);
      if (i === count - 1) break;
      if (found === undefined) level.set(value, (found = new Map()));
      level = found as Cache;
    }
    // A text already formatted was formatted from data without unused keys.
    if (found !== undefined) return found as Pieces;
    this.checkUnused(data);
    const pieces = this.format(data);
    level?.set(data[names[count - 1] as string], pieces);
    return pieces;
  }

  /**
   * Every placeholder has a value and keys are unique: more keys than names is unused data.
   * Checked when a text is formatted, not when it is found in the cache: a key array for
   * each of 200,000 reports costs the engine bench several extra scavenges.
   */
  private checkUnused(data: MessageData): void {
    if (Object.keys(data).length === this.names.length) return;
    const unused = Object.keys(data).filter((key) => !this.names.includes(key));
    const issue = unused.includes(ISSUE_PLACEHOLDER) ? ' ({{issue}} is filled by the engine)' : '';
    this.broken(`is reported with data it does not use: ${unused.join(', ')}${issue}`);
  }

  private missing(name: string): never {
    return this.broken(`has a placeholder {{${name}}} but the report has no data for it`);
  }

  /** Drops the cached texts (the findings keep the ones they use). */
  clear(): void {
    this.cache = undefined;
    this.lastValues = undefined;
    this.lastPieces = undefined;
  }

  private format(data: MessageData | undefined): Pieces {
    const pieces: string[] = [];
    let text = this.texts[0] as string;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i] as string;
      if (slot === ISSUE_PLACEHOLDER) {
        pieces.push(text);
        text = '';
      } else {
        const value = data?.[slot];
        if (typeof value !== 'string' && typeof value !== 'number') {
          this.broken(`is reported with data ${slot} that is not a string or a number`);
        }
        text += String(value);
      }
      text += this.texts[i + 1] as string;
    }
    pieces.push(text);
    return pieces;
  }

  private broken(problem: string): never {
    throw new RuleContractError(this.rule, `message ${this.id} ${problem}`);
  }
}

/** The message templates of one rule, checked when the run starts. */
export class RuleMessages {
  private readonly templates = new Map<string, MessageTemplate>();
  /** The template last used: a rule's reports mostly repeat one message id. */
  private lastTemplate: MessageTemplate | undefined;

  constructor(
    private readonly rule: RuleModule,
    private readonly refs: IssueRefs,
  ) {
    const entries = Object.entries(rule.messages as Record<string, string>);
    if (entries.length === 0) throw new RuleContractError(rule.id, 'declares no messages');
    for (const [id, template] of entries) {
      const parsed = parseTemplate(template);
      if ('problem' in parsed) {
        throw new RuleContractError(rule.id, `message ${id} ${parsed.problem}`);
      }
      this.templates.set(id, new MessageTemplate(rule.id, id, parsed));
    }
  }

  /**
   * The message of a finding on issue `issue`; throws `RuleContractError` when the report
   * breaks the contract. `cached` keeps the text for reports with the same data to come.
   */
  format(report: RuleReport, issue: number, cached = true): string {
    const { messageId } = report;
    let template = this.lastTemplate;
    if (template === undefined || template.id !== messageId) {
      template = this.templates.get(messageId);
      if (template !== undefined) this.lastTemplate = template;
    }
    if (template === undefined) {
      throw new RuleContractError(
        this.rule.id,
        `reported an unknown messageId ${JSON.stringify(messageId)}`,
      );
    }
    const pieces = template.pieces(report.data, cached);
    let text = pieces[0] as string;
    if (pieces.length === 1) return text;
    const ref = this.refs.of(issue);
    for (let i = 1; i < pieces.length; i++) text += ref + (pieces[i] as string);
    return text;
  }

  clear(): void {
    for (const template of this.templates.values()) template.clear();
  }
}

/** `#<number>` of the issue last asked for, shared by its findings of every rule. */
export class IssueRefs {
  private number = -1;
  private text = '';

  of(issue: number): string {
    if (issue !== this.number) {
      this.number = issue;
      this.text = `#${issue}`;
    }
    return this.text;
  }
}
