// `<!-- backlog-lint-disable rule-id[, rule-id] until=YYYY-MM-DD reason="..." -->` waivers.
// A directive that cannot be fully understood waives nothing: a typo in a rule id must
// not silently turn into "disable every rule".
import { ruleIds } from '../rules/index.js';
import type { RuleId, Waiver } from '../types.js';
import { closest } from '../config/did-you-mean.js';

const KEYWORD = 'backlog-lint-disable';
const SETTINGS = ['until', 'reason'] as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * One waiver per directive text (as extracted from the issue body, with or without the
 * `<!-- -->` delimiters). No rule ids waives every rule; `until` is inclusive.
 */
export function parseDirectives(issue: number, directives: string[], today: string): Waiver[] {
  return directives.map((text) => parseDirective(issue, text, today));
}

/**
 * `parseDirectives` for a whole run. Directive texts repeat across issues (issue templates,
 * bots), so each distinct text is parsed once.
 */
export class DirectiveParser {
  private readonly parsed = new Map<string, Waiver>();

  constructor(private readonly today: string) {}

  parse(issue: number, text: string): Waiver {
    let parsed = this.parsed.get(text);
    if (parsed === undefined) {
      parsed = parseDirective(issue, text, this.today);
      this.parsed.set(text, parsed);
    }
    const { rules, until, reason, active, problem } = parsed;
    const waiver: Waiver = { issue, rules: rules.slice(), until, reason, active };
    if (problem !== undefined) waiver.problem = problem;
    return waiver;
  }
}

function parseDirective(issue: number, text: string, today: string): Waiver {
  const rules: RuleId[] = [];
  const problems: string[] = [];
  let until: string | null = null;
  let reason: string | null = null;

  const body = stripComment(text);
  if (!body.toLowerCase().startsWith(KEYWORD) || /^[^\s,]/.test(body.slice(KEYWORD.length))) {
    problems.push(`not a ${KEYWORD} directive`);
  } else {
    for (const token of tokenize(body.slice(KEYWORD.length), problems)) {
      if (token.kind === 'setting') {
        if (token.key === 'until') {
          until = token.value;
          if (!isCalendarDate(token.value)) {
            problems.push(`bad date "${token.value}" for until (expected YYYY-MM-DD)`);
          }
        } else if (token.key === 'reason') {
          reason = token.value;
        } else {
          problems.push(`unknown setting "${token.key}" (allowed: ${SETTINGS.join(', ')})`);
        }
        continue;
      }
      const id = token.value.toLowerCase();
      if (isRuleId(id)) {
        if (!rules.includes(id)) rules.push(id);
      } else {
        const suggestion = closest(id, ruleIds());
        problems.push(
          `unknown rule "${token.value}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        );
      }
    }
  }

  const waiver: Waiver = {
    issue,
    rules,
    until,
    reason,
    active: problems.length === 0 && (until === null || until >= today),
  };
  if (problems.length > 0) waiver.problem = problems.join('; ');
  return waiver;
}

function stripComment(text: string): string {
  let body = text.trim();
  if (body.startsWith('<!--')) body = body.slice(4);
  if (body.endsWith('-->')) body = body.slice(0, -3);
  return body.trim();
}

type Token = { kind: 'rule'; value: string } | { kind: 'setting'; key: string; value: string };

/** Rule ids separated by commas and/or spaces, and `key=value` settings (value may be quoted). */
function tokenize(text: string, problems: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (char === ',' || /\s/.test(char)) {
      i++;
      continue;
    }
    const word = /^[^\s,=]+/.exec(text.slice(i))?.[0] ?? '';
    i += word.length;
    if (text[i] !== '=') {
      tokens.push({ kind: 'rule', value: word }); // non-empty: `char` is none of `\s,=`
      continue;
    }
    i++; // '='
    const quote = text[i];
    let value: string;
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, i + 1);
      if (end === -1) {
        problems.push(`unclosed quote in ${word}`);
        value = text.slice(i + 1);
        i = text.length;
      } else {
        value = text.slice(i + 1, end);
        i = end + 1;
      }
    } else {
      value = /^\S*/.exec(text.slice(i))?.[0] ?? '';
      i += value.length;
    }
    tokens.push({ kind: 'setting', key: word.toLowerCase(), value });
  }
  return tokens;
}

function isRuleId(id: string): id is RuleId {
  return ruleIds().includes(id);
}

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
