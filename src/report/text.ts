// Terminal output of the CLI: findings grouped by issue, then notices, role health and
// skipped issues, then one total line. Issue text goes through `plainText` so a title cannot
// smuggle ANSI escapes (cursor moves, screen clears, fake output) into the terminal.
import { ruleIds } from '../rules/index.js';
import { LEVELS, type Level, type ReportModel } from '../types.js';
import { describeIdentity, ratchetLine } from './baseline.js';
import { plainText } from './escape.js';
import { costLine } from './cost.js';
import {
  describeFix,
  engineSkipped,
  findingsByIssue,
  issuesByNumber,
  issuesChecked,
  plural,
} from './format.js';

export interface TextOptions {
  color: boolean;
}

/** Lists that can be long (skipped issues) show this many lines, then a count. */
const LIST_LIMIT = 20;

const SEVERITY_WIDTH = Math.max(...LEVELS.map((l) => l.length)) + 2;
const RULE_WIDTH = Math.max(...ruleIds().map((r) => r.length)) + 2;

type Paint = (s: string) => string;

function palette(color: boolean) {
  // Specific "off" codes (39 = default colour, 22 = normal intensity) so styles nest.
  const sgr =
    (on: number, off: number): Paint =>
    (s) =>
      color ? `\u001B[${on}m${s}\u001B[${off}m` : s;
  const red = sgr(31, 39);
  const yellow = sgr(33, 39);
  const blue = sgr(34, 39);
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    green: sgr(32, 39),
    red,
    yellow,
    level: { error: red, warning: yellow, notice: blue } satisfies Record<Level, Paint>,
  };
}

function capped(lines: string[], what: string): string[] {
  if (lines.length <= LIST_LIMIT) return lines;
  const rest = lines.length - LIST_LIMIT;
  return [...lines.slice(0, LIST_LIMIT), `  … and ${rest} more ${what} (see --format json)`];
}

function totalLine(model: ReportModel, paint: ReturnType<typeof palette>): string {
  const { counts } = model.result;
  const checked = issuesChecked(model);
  const skipped = engineSkipped(model).length;
  // Entries that are not issues (pull requests in a REST export, duplicates) are counted
  // too, so the line agrees with the "Skipped" list above it.
  const prs = model.skipped.filter((s) => s.reason === 'pull request').length;
  const others = model.skipped.length - prs;
  const scope =
    (skipped > 0
      ? `${plural(checked + skipped, 'issue')} (${checked} checked, ${skipped} skipped)`
      : plural(checked, 'issue')) +
    (prs > 0 ? `; ${plural(prs, 'pull request')} skipped` : '') +
    (others > 0 ? `; ${others} more skipped` : '');
  if (LEVELS.every((l) => counts[l] === 0)) return paint.green(`✔ no findings in ${scope}`);
  const summary = LEVELS.map((l) => plural(counts[l], l)).join(', ');
  const mark =
    counts.error > 0 ? paint.red : counts.warning > 0 ? paint.yellow : paint.level.notice;
  return paint.bold(mark(`✖ ${summary} in ${scope}`));
}

export function renderText(model: ReportModel, opts: TextOptions): string {
  const paint = palette(opts.color);
  const issues = issuesByNumber(model);
  const out: string[] = [];

  if (!model.complete) {
    const why = model.incompleteReason ? `: ${plainText(model.incompleteReason)}` : '';
    out.push(paint.bold(paint.yellow(`⚠ Incomplete run${why}`)), '');
  }

  const ratchet = ratchetLine(model);
  if (ratchet !== null) out.push(paint.bold(`Ratchet: ${ratchet}`), '');

  for (const [number, findings] of findingsByIssue(model.result.findings)) {
    const title = issues.get(number)?.title;
    out.push(`${paint.bold(`#${number}`)}${title ? ` ${plainText(title)}` : ''}`);
    for (const f of findings) {
      const fix = describeFix(f.fix, plainText);
      out.push(
        `  ${paint.level[f.severity](f.severity.padEnd(SEVERITY_WIDTH))}` +
          `${paint.dim(f.rule.padEnd(RULE_WIDTH))}${plainText(f.message)}` +
          (fix ? paint.dim(` (fix: ${fix})`) : ''),
      );
    }
    out.push('');
  }

  const baseline = model.baseline;
  const sections: [string, string[]][] = [
    [
      'Known (in the baseline, not failing)',
      capped(
        (baseline?.known ?? []).map(
          (f) =>
            `  #${f.issue} ${f.severity.padEnd(SEVERITY_WIDTH)}${f.rule.padEnd(RULE_WIDTH)}${plainText(f.message)}`,
        ),
        'known findings',
      ),
    ],
    [
      'Fixed since the baseline (write it again to drop them)',
      capped(
        (baseline?.fixed ?? []).map((e) => `  ${describeIdentity(e, plainText)}`),
        'fixed entries',
      ),
    ],
    ['Notices', model.result.notices.map((n) => `  ${plainText(n.message)}`)],
    ['Role health', model.result.roleHealth.map((h) => `  ${plainText(h.message)}`)],
    [
      'Waivers',
      model.result.waivers.map((w) => {
        const state = w.problem
          ? `not applied: ${plainText(w.problem)}`
          : w.active
            ? 'active'
            : 'expired';
        const rules = w.rules.length > 0 ? w.rules.join(', ') : 'all rules';
        return `  #${w.issue} ${rules} (${state}${w.until ? `, until ${plainText(w.until)}` : ''})`;
      }),
    ],
    [
      'Skipped',
      capped(
        [
          ...engineSkipped(model).map((s) => `  #${s.issue} ${plainText(s.reason)}`),
          ...model.skipped.map((s) => `  ${plainText(s.item)} ${plainText(s.reason)}`),
        ],
        'skipped',
      ),
    ],
  ];
  for (const [title, lines] of sections) {
    if (lines.length > 0) out.push(paint.bold(`${title}:`), ...lines, '');
  }

  out.push(totalLine(model, paint));
  const cost = costLine(model);
  if (cost) out.push(cost);
  return `${out.join('\n')}\n`;
}
