// The trend between backlog runs: a short history of each complete run (counts per
// severity, rule and owner role, unowned issues) kept in a hidden block of the report
// issue's body, and the sections that show the change since the last run and a chart.
// Pure: the action reads the report issue's body and writes it back (src/action/trend.ts).
import { z } from '../zod.js';
import {
  LEVELS,
  type HistoryEntry,
  type ReportModel,
  type RuleId,
  type TrendModel,
} from '../types.js';
import { compareText } from '../names.js';
import { ruleIds } from '../rules/index.js';
import { mermaidLabel, safe } from './escape.js';
import type { Section } from './fit.js';
import { LEVEL_ICON, issuesChecked } from './format.js';

/** Runs kept: a year of weekly runs. */
export const HISTORY_MAX_RUNS = 52;
export const HISTORY_START = '<!-- backlog-lint:history v1';
const HISTORY_END = '-->';
/** Findings on issues without an owner role (untyped or ambiguous) count under this role. */
export const NO_ROLE = '(none)';

export type { HistoryEntry, TrendModel };

/** The stored history's shape; built on first use (only a backlog run with a report reads it). */
function historySchema() {
  const count = z.number().check(z.int(), z.minimum(0));
  const entrySchema = z.object({
    at: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/)),
    checked: count,
    counts: z.object({ error: count, warning: count, notice: count }),
    rules: z.partialRecord(z.enum(ruleIds()), count),
    roles: z.record(z.string().check(z.maxLength(200)), count),
    unowned: count,
  });
  return z.array(entrySchema).check(z.maxLength(1000));
}
let historyShape: ReturnType<typeof historySchema> | undefined;

/** This run's entry: every finding counts, known ones (baseline) included. */
export function historyEntry(model: ReportModel, at: Date): HistoryEntry {
  const findings = [...model.result.findings, ...(model.baseline?.known ?? [])];
  const issues = new Map(model.result.issues.map((i) => [i.number, i]));
  const counts = { error: 0, warning: 0, notice: 0 };
  const rules: Partial<Record<RuleId, number>> = {};
  const roles: Record<string, number> = {};
  for (const f of findings) {
    counts[f.severity]++;
    rules[f.rule] = (rules[f.rule] ?? 0) + 1;
    const role = issues.get(f.issue)?.ownerRole ?? NO_ROLE;
    roles[role] = (roles[role] ?? 0) + 1;
  }
  let unowned = 0;
  for (const i of model.result.issues) {
    if (i.status !== 'checked') continue;
    const owner = i.ownerRole;
    if (owner === null || !i.assignees.some((a) => i.assigneeRoles[a]?.includes(owner))) {
      unowned++;
    }
  }
  return {
    at: at.toISOString(),
    checked: issuesChecked(model),
    counts,
    rules,
    roles,
    unowned,
  };
}

/**
 * The history stored in a report issue body. No block (a first run, a report written by an
 * older version): an empty history. A block that does not parse (edited by hand): an empty
 * history and a notice saying it starts afresh; never an error.
 */
export function parseHistory(body: string | null | undefined): {
  runs: HistoryEntry[];
  notice?: string;
} {
  const text = (body ?? '').replace(/\r\n/g, '\n');
  const start = text.indexOf(`${HISTORY_START}\n`);
  if (start < 0) return { runs: [] };
  const from = start + HISTORY_START.length + 1;
  const end = text.indexOf(`\n${HISTORY_END}`, from);
  const afresh = (why: string) => ({
    runs: [],
    notice: `The trend history in the report issue could not be read (${why}); it starts afresh with this run.`,
  });
  if (end < 0) return afresh('the hidden block is not closed');
  let data: unknown;
  try {
    data = JSON.parse(text.slice(from, end));
  } catch {
    return afresh('it is not valid JSON');
  }
  const parsed = (historyShape ??= historySchema()).safeParse(data);
  if (!parsed.success) return afresh('its entries are not in the expected shape');
  return { runs: parsed.data.slice(-HISTORY_MAX_RUNS) as HistoryEntry[] };
}

/** The history with this run added, at most HISTORY_MAX_RUNS long. */
export function appendRun(runs: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [...runs, entry].slice(-HISTORY_MAX_RUNS);
}

/**
 * The hidden block: JSON inside an HTML comment. `<` and `>` are written as JSON escapes,
 * so no role name can close the comment (`-->`) or open a tag.
 */
export function renderHistoryBlock(runs: readonly HistoryEntry[]): string {
  const json = JSON.stringify(runs).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `${HISTORY_START}\n${json}\n${HISTORY_END}`;
}

function total(e: HistoryEntry): number {
  return e.counts.error + e.counts.warning + e.counts.notice;
}

/** "▲ 3" (more: worse), "▼ 2" (fewer), "=" (same). */
export function change(before: number, after: number): string {
  if (after > before) return `▲ ${after - before}`;
  if (after < before) return `▼ ${before - after}`;
  return '=';
}

function day(at: string): string {
  return at.slice(0, 10);
}

/** Short x-axis labels (MM-DD), made unique: Mermaid merges equal categories. */
function axisLabels(runs: readonly HistoryEntry[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const label = r.at.slice(5, 10);
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}

function changeTable(
  title: string,
  keys: string[],
  before: (k: string) => number,
  after: (k: string) => number,
  name: (k: string) => string,
): string[] {
  const rows = keys
    .filter((k) => before(k) !== 0 || after(k) !== 0)
    .map((k) => `| ${name(k)} | ${before(k)} | ${after(k)} | ${change(before(k), after(k))} |`);
  if (rows.length === 0) return [];
  return [`| ${title} | Last run | This run | Change |`, '| --- | --- | --- | --- |', ...rows];
}

/** The trend sections: change since the last run (per severity, rule, role) and the chart. */
export function trendSections(trend: TrendModel | undefined): Section[] {
  if (!trend || trend.runs.length === 0) return [];
  const runs = trend.runs;
  const now = runs[runs.length - 1] as HistoryEntry;
  const last = runs.length > 1 ? (runs[runs.length - 2] as HistoryEntry) : null;
  const parts: string[] = ['## Trend'];
  if (trend.notice) parts.push(`> [!NOTE]\n> ${safe(trend.notice)}`);
  if (last === null) {
    parts.push(
      'First run recorded in the report issue: the change since the last run shows from the next run.',
    );
  } else {
    parts.push(
      `Since the last run (${day(last.at)}): ` +
        [
          ...LEVELS.map(
            (l) =>
              `${LEVEL_ICON[l]} ${l}s ${now.counts[l]} (${change(last.counts[l], now.counts[l])})`,
          ),
          `unowned issues ${now.unowned} (${change(last.unowned, now.unowned)})`,
          `issues checked ${now.checked} (${change(last.checked, now.checked)})`,
        ].join(' · '),
    );
    const rules = changeTable(
      'Rule',
      [...ruleIds()],
      (k) => last.rules[k as RuleId] ?? 0,
      (k) => now.rules[k as RuleId] ?? 0,
      (k) => `\`${k}\``,
    );
    const roleKeys = [...new Set([...Object.keys(last.roles), ...Object.keys(now.roles)])].sort(
      (a, b) => (a === NO_ROLE ? 1 : b === NO_ROLE ? -1 : compareText(a, b)),
    );
    const roles = changeTable(
      'Owner role',
      roleKeys,
      (k) => last.roles[k] ?? 0,
      (k) => now.roles[k] ?? 0,
      (k) => (k === NO_ROLE ? 'no owner role' : safe(k)),
    );
    if (rules.length > 0) parts.push(`Findings per rule:\n\n${rules.join('\n')}`);
    if (roles.length > 0) parts.push(`Findings per owner role:\n\n${roles.join('\n')}`);
  }
  const totals = runs.map(total);
  const top = Math.max(1, ...totals, ...runs.map((r) => r.unowned));
  parts.push(
    [
      '```mermaid',
      'xychart-beta',
      `    title "Findings (bars) and unowned issues (line), last ${runs.length === 1 ? 'run' : `${runs.length} runs`}"`,
      `    x-axis [${axisLabels(runs)
        .map((l) => `"${mermaidLabel(l)}"`)
        .join(', ')}]`,
      `    y-axis "Count" 0 --> ${top}`,
      `    bar [${totals.join(', ')}]`,
      `    line [${runs.map((r) => r.unowned).join(', ')}]`,
      '```',
    ].join('\n'),
  );
  return [{ head: parts.join('\n\n') }];
}
