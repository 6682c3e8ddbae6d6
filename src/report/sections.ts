// The sections of the full markdown report, shared by the job summary and the report issue
// (which differ only in size limit, unit and marker). Every issue-derived string goes
// through `safe`; rule ids, levels and numbers are ours.
import { compareText } from '../names.js';
import { LEVELS, type Finding, type IssueResult, type ReportModel } from '../types.js';
import { fixedSection, knownSection, ratchetSection } from './baseline.js';
import { mermaidLabel, safe } from './escape.js';
import { trendSections } from './history.js';
import { previewSections } from '../preview/render.js';
import { findingsDigest, MAX_ISSUE_ROWS } from './findings-digest.js';
import { lazyRows, type Section } from './fit.js';
import {
  LEVEL_ICON,
  describeFix,
  engineSkipped,
  findingsOfFirstIssues,
  issueLink,
  issuesByNumber,
  issuesChecked,
  plural,
} from './format.js';

export interface SectionOptions {
  /**
   * Where the rows cut from the issues table can be found, e.g. "full list in the JSON report
   * at the `report-path` output".
   */
  moreHint: string;
  /** Sections that go right under the totals (the job summary's GraphQL cost line). */
  afterTotals?: Section[];
  /**
   * At most this many rows in the issues table (default: no cap); the rest are counted in its
   * "… and N more" line. The size limit may still cut it shorter.
   */
  maxIssueRows?: number;
}

export { MAX_ISSUE_ROWS };

/** Empty cells would collapse visually; a dash reads as "none". */
const NONE = '—';

function table(title: string, header: string[]): string {
  return `## ${title}\n\n| ${header.join(' | ')} |\n|${header.map(() => ' --- |').join('')}`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Tables must end with a blank line before a plain line, or the line becomes a row. */
function moreRows(what: string, hint = ''): (n: number) => string {
  return (n) => `\n… and ${n} more ${what}${hint ? ` (${hint})` : ''}`;
}

function header(model: ReportModel): Section {
  const mode = `${model.mode} mode${model.dryRun ? ', dry-run' : ''}`;
  return {
    head: `# backlog-lint: ${safe(model.repository)} (${mode})\n\nConfig: ${safe(model.configSource)}`,
  };
}

function incompleteBanner(model: ReportModel): Section {
  if (model.complete) return { head: '' };
  const why = model.incompleteReason?.trim().replace(/\.+$/, '');
  const reason = why ? `: ${safe(why)}` : '';
  return {
    head:
      `> [!WARNING]\n> **⚠️ Incomplete run${reason}.**\n> ` +
      'Only part of the backlog was checked, so the counts below are a lower bound.',
  };
}

function totals(model: ReportModel): Section {
  const { counts } = model.result;
  const skipped = engineSkipped(model).length;
  const parts = [
    `**${plural(issuesChecked(model), 'issue')} checked**`,
    ...LEVELS.map((l) => `${LEVEL_ICON[l]} ${plural(counts[l], l)}`),
  ];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return { head: parts.join(' · ') };
}

function findingsPerRule(model: ReportModel): Section {
  if (model.result.findings.length === 0) return { head: '' };
  const sorted = findingsDigest(model.result).perRule;
  return {
    head: table('Findings by rule', ['Rule', 'Severity', 'Count']),
    rows: sorted.map((e) => row([`\`${e.rule}\``, `${LEVEL_ICON[e.level]} ${e.level}`, `${e.n}`])),
    more: moreRows('rules'),
  };
}

function typeCell(issue: IssueResult | undefined): string {
  if (!issue || issue.types.length === 0) return NONE;
  if (issue.type) return safe(issue.type);
  return `${issue.types.map(safe).join(', ')} (ambiguous)`;
}

function assigneesText(issue: IssueResult): string {
  return issue.assignees
    .map((login) => {
      const roles = issue.assigneeRoles[login] ?? [];
      return `${safe(login)} (${roles.length > 0 ? roles.map(safe).join(', ') : 'no role'})`;
    })
    .join(', ');
}

/**
 * A finding's cell. The engine shares fix objects between findings (a backlog has a handful)
 * and `assigneeRoles` between issues with the same assignees: their text is built once per
 * table, not once per row.
 */
function findingCells(): (f: Finding) => string {
  const fixes = new Map<Finding['fix'], string | null>();
  return (f) => {
    let fix = fixes.get(f.fix);
    if (fix === undefined) {
      fix = describeFix(f.fix, safe);
      fixes.set(f.fix, fix);
    }
    // The fix on a line of its own: run into the message, it read as part of it.
    return `${LEVEL_ICON[f.severity]} \`${f.rule}\` ${safe(f.message)}${fix ? `<br>↳ **Fix:** ${fix}` : ''}`;
  };
}

function assigneeCells(): (issue: IssueResult | undefined) => string {
  const byRoles = new Map<IssueResult['assigneeRoles'], Map<string, string>>();
  return (issue) => {
    if (!issue || issue.assignees.length === 0) return NONE;
    const key = issue.assignees.join('\u0000');
    let texts = byRoles.get(issue.assigneeRoles);
    if (texts === undefined) byRoles.set(issue.assigneeRoles, (texts = new Map()));
    let text = texts.get(key);
    if (text === undefined) {
      text = assigneesText(issue);
      texts.set(key, text);
    }
    return text;
  };
}

function issuesTable(model: ReportModel, opts: SectionOptions): Section {
  const max = opts.maxIssueRows ?? Number.POSITIVE_INFINITY;
  // The job summary's and report issue's cap: the groups the one pass over findings made.
  const { groups, issues: withFindings } =
    max === MAX_ISSUE_ROWS
      ? findingsDigest(model.result)
      : findingsOfFirstIssues(model.result.findings, max);
  const what = model.baseline ? 'new findings' : 'findings';
  if (withFindings === 0) {
    return {
      head: model.baseline
        ? '## Issues with new findings\n\n✅ No new findings: nothing beyond the baseline.'
        : '## Issues with findings\n\n✅ No findings: every checked issue passes.',
    };
  }
  const issues = issuesByNumber(model);
  const findingCell = findingCells();
  const assigneesCell = assigneeCells();
  // Rows are built as the fitting reaches them: a large backlog's table is mostly cut.
  const listed = [...groups.keys()];
  const rows = lazyRows(listed, (number) => {
    const issue = issues.get(number);
    const findings = groups.get(number) ?? [];
    return row([
      issueLink(model, number, issue),
      issue ? safe(issue.title) : NONE,
      typeCell(issue),
      issue?.ownerRole ? safe(issue.ownerRole) : NONE,
      assigneesCell(issue),
      findings.map(findingCell).join('<br>'),
    ]);
  });
  return {
    head: table(`Issues with ${what}`, [
      'Issue',
      'Title',
      'Type',
      'Owner role',
      'Assignees',
      'Findings',
    ]),
    rows,
    unlisted: withFindings - listed.length,
    more: moreRows(`issues with ${what}`, opts.moreHint),
    priority: 2,
  };
}

function bulletList<T>(
  title: string,
  items: readonly T[],
  text: (item: T) => string,
  what: string,
  priority: number,
): Section {
  if (items.length === 0) return { head: '' };
  return {
    head: `## ${title}\n`,
    rows: lazyRows(items, (i) => `- ${text(i)}`),
    more: (n) => `- … and ${n} more ${what}`,
    priority,
  };
}

function notices(model: ReportModel): Section {
  return bulletList('Notices', model.result.notices, (n) => safe(n.message), 'notices', 1);
}

function roleHealth(model: ReportModel): Section {
  return bulletList(
    'Role health',
    model.result.roleHealth,
    (h) => safe(h.message),
    'role health problems',
    1,
  );
}

function loadPerRole(model: ReportModel): Section {
  const roles = Object.entries(model.result.load.roles).sort(([a], [b]) => compareText(a, b));
  if (roles.length === 0) return { head: '' };
  return {
    head: table('Load per role', ['Role', 'Issues owned', 'Unassigned']),
    rows: roles.map(([role, l]) => row([safe(role), `${l.issues}`, `${l.unassigned}`])),
    more: moreRows('roles'),
    priority: 3,
  };
}

function loadPerOwner(model: ReportModel): Section {
  const members = [...model.result.load.members].sort(
    (a, b) => b.open - a.open || compareText(a.login, b.login),
  );
  if (members.length === 0) return { head: '' };
  return {
    head: table('Load per owner', ['Member', 'Roles', 'Open issues']),
    rows: members.map((m) => row([safe(m.login), m.roles.map(safe).join(', '), `${m.open}`])),
    more: moreRows('members'),
    priority: 5,
  };
}

function waivers(model: ReportModel): Section {
  const list = [...model.result.waivers].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.issue - b.issue,
  );
  if (list.length === 0) return { head: '' };
  const issues = issuesByNumber(model);
  return {
    head: table('Waivers', ['Issue', 'Rules', 'Until', 'Reason', 'Status']),
    rows: lazyRows(list, (w) =>
      row([
        issueLink(model, w.issue, issues.get(w.issue)),
        w.rules.length > 0 ? w.rules.map((r) => `\`${r}\``).join(', ') : 'all rules',
        w.until ? safe(w.until) : NONE, // comes from the issue body
        w.reason ? safe(w.reason) : NONE,
        w.problem ? `⚠️ not applied: ${safe(w.problem)}` : w.active ? 'active' : 'expired',
      ]),
    ),
    more: moreRows('waivers'),
    priority: 4,
  };
}

function skipped(model: ReportModel): Section {
  const items: ({ issue: number; reason: string } | { item: string; reason: string })[] = [
    ...engineSkipped(model),
    ...model.skipped,
  ];
  if (items.length === 0) return { head: '' };
  const issues = issuesByNumber(model);
  return bulletList(
    'Skipped',
    items,
    (s) =>
      'issue' in s
        ? `${issueLink(model, s.issue, issues.get(s.issue))}: ${safe(s.reason)}`
        : `${safe(s.item)}: ${safe(s.reason)}`,
    'skipped items',
    6,
  );
}

function writes(model: ReportModel): Section {
  if (model.writes.length === 0 && !model.dryRun) return { head: '' };
  const title = model.dryRun ? 'Planned writes (dry-run: nothing was written)' : 'Writes';
  if (model.writes.length === 0) return { head: `## ${title}\n\nNone.` };
  return {
    head: `## ${title}\n`,
    rows: lazyRows(model.writes, (w) => {
      const target = w.issue === null ? '' : `#${w.issue} `;
      const status = model.dryRun ? '' : w.done ? ' ✅ done' : ' ❌ not done';
      return `- ${target}${w.kind}: ${safe(w.description)}${status}`;
    }),
    more: (n) => `- … and ${n} more writes`,
    priority: 1,
  };
}

/** Product and project first, then other roles alphabetically, then unclassified issues. */
function classificationPie(model: ReportModel): Section {
  const { byRole, untyped, ambiguous } = model.result.classification;
  const rank = (r: string) => (r === 'product' ? 0 : r === 'project' ? 1 : 2);
  const slices: [string, number][] = Object.entries(byRole).sort(
    ([a], [b]) => rank(a) - rank(b) || compareText(a, b),
  );
  slices.push(['unclassified', untyped], ['ambiguous', ambiguous]);
  const shown = slices.filter(([, n]) => n > 0);
  if (shown.length === 0) return { head: '' };
  const lines = shown.map(([label, n]) => `    "${mermaidLabel(label)}" : ${n}`);
  return {
    head: [
      '## Issues by owner role\n',
      '```mermaid',
      'pie showData',
      '    title Issues by owner role',
      ...lines,
      '```',
    ].join('\n'),
  };
}

/** Every section of the full report, in reading order. */
export function reportSections(model: ReportModel, opts: SectionOptions): Section[] {
  return [
    header(model),
    incompleteBanner(model),
    ratchetSection(model),
    ...(model.preview ? previewSections(model.preview, { heading: '##', pullRequest: true }) : []),
    totals(model),
    ...(opts.afterTotals ?? []),
    findingsPerRule(model),
    ...trendSections(model.trend),
    issuesTable(model, opts),
    fixedSection(model),
    knownSection(model),
    notices(model),
    roleHealth(model),
    // Load is a backlog figure: in issue and pull-request modes only the issues of this run
    // are known, and the tables would be mostly zeros.
    ...(model.mode === 'backlog' ? [loadPerRole(model), loadPerOwner(model)] : []),
    waivers(model),
    skipped(model),
    writes(model),
    classificationPie(model),
  ];
}
