// How the ratchet reads in each report: new / known / fixed since the baseline first, the
// known findings apart (they do not fail the run), the fixed entries so the file can shrink.
import type { FindingIdentity, ReportModel } from '../types.js';
import { LEVELS } from '../types.js';
import { safe } from './escape.js';
import { lazyRows, type Section } from './fit.js';
import { LEVEL_ICON, findingsByIssue, issueLink, issuesByNumber, plural } from './format.js';

/** "3 new · 12 known · 2 fixed since the baseline". */
export function ratchetLine(model: ReportModel): string | null {
  const b = model.baseline;
  if (!b) return null;
  return `${model.result.findings.length} new · ${b.known.length} known · ${b.fixed.length} fixed since the baseline`;
}

/** `#12 owner-role (product)`. */
export function describeIdentity(e: FindingIdentity, esc: (s: string) => string): string {
  return `#${e.issue} ${e.rule}${e.subject ? ` (${esc(e.subject)})` : ''}`;
}

/** The summary's opening: the ratchet, in bold, with where the baseline came from. */
export function ratchetSection(model: ReportModel): Section {
  const line = ratchetLine(model);
  if (line === null || !model.baseline) return { head: '' };
  const known = model.baseline.knownCounts;
  const parts = LEVELS.filter((l) => known[l] > 0).map(
    (l) => `${LEVEL_ICON[l]} ${plural(known[l], l)}`,
  );
  return {
    head:
      `**Ratchet: ${line}** (baseline ${safe(model.baseline.source)}).` +
      (parts.length > 0
        ? ` Known findings (${parts.join(' · ')}) are listed apart and do not fail the run.`
        : ''),
  };
}

export function knownSection(model: ReportModel): Section {
  const b = model.baseline;
  if (!b || b.known.length === 0) return { head: '' };
  const issues = issuesByNumber(model); // built once per result, shared with other sections
  const groups = findingsByIssue(b.known);
  // Built as the fitting reaches them (see fit.ts lazyRows).
  const rows = lazyRows([...groups.keys()], (number) => {
    const issue = issues.get(number);
    const findings = groups.get(number) ?? [];
    const list = findings
      .map((f) => `${LEVEL_ICON[f.severity]} \`${f.rule}\` ${safe(f.message)}`)
      .join('<br>');
    return `| ${issueLink(model, number, issue)} | ${issue ? safe(issue.title) : '—'} | ${list} |`;
  });
  return {
    head: `## Known findings (in the baseline)\n\n${plural(b.known.length, 'known finding')} on ${plural(rows.length, 'issue')}: accepted when the baseline was written; they do not fail the run.\n\n| Issue | Title | Findings |\n| --- | --- | --- |`,
    rows,
    more: (n) => `\n… and ${n} more issues with known findings (see the JSON report)`,
    priority: 7,
  };
}

export function fixedSection(model: ReportModel): Section {
  const b = model.baseline;
  if (!b || b.fixed.length === 0) return { head: '' };
  return {
    head: `## Fixed since the baseline\n\nThese entries no longer occur: write the baseline again (\`--write-baseline\`) to drop them, so they cannot come back unnoticed.\n`,
    rows: lazyRows(b.fixed, (e) => `- ${describeIdentity(e, safe)}`),
    more: (n) => `- … and ${n} more (see \`fixedSinceBaseline\` in the JSON report)`,
    priority: 6,
  };
}
