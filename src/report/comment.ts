// The sticky comment on an issue (issue mode) or a pull request (its linked issues). The
// action finds it again by COMMENT_MARKER and edits it in place, and skips the edit when the
// body is unchanged, so the output is deterministic: no timestamps, no counters of runs.
import { LEVELS, type Finding, type IssueResult, type ReportModel } from '../types.js';
import { previewSections } from '../preview/render.js';
import { safe, safeUrl } from './escape.js';
import { COMMENT_MARKER } from './marker.js';
import { GITHUB_BODY_MAX_CHARS, fitSections, jsChars, type Section } from './fit.js';
import {
  LEVEL_ICON,
  describeFix,
  engineSkipped,
  findingsByIssue,
  issueLink,
  issuesByNumber,
  plural,
} from './format.js';

export { COMMENT_MARKER };

export interface CommentTarget {
  kind: 'issue' | 'pull-request';
  number: number;
}

const PASSES = '✅ This issue now passes backlog-lint: no ownership findings.';
const PASSES_BASELINE = '✅ No new ownership findings on this issue beyond the baseline.';

/** One finding as a list item, with its suggested fix on a continuation line. */
function findingItem(f: Finding): string {
  const fix = describeFix(f.fix, safe);
  const item = `- ${LEVEL_ICON[f.severity]} **${f.severity}** \`${f.rule}\`: ${safe(f.message)}`;
  return fix ? `${item}\n  Suggested fix: ${fix}.` : item;
}

/** Why each issue the engine did not check was skipped. */
function skipReasons(model: ReportModel): Map<number, string> {
  return new Map(engineSkipped(model).map((s) => [s.issue, s.reason]));
}

/** What is left out, counted in findings (rows may also be clean or skipped issues). */
function moreLine(rows: readonly { findings: number }[]): (omitted: number) => string {
  return (omitted) => {
    const rest = rows.slice(rows.length - omitted);
    const findings = rest.reduce((n, r) => n + r.findings, 0);
    const what = findings > 0 ? plural(findings, 'more finding') : plural(omitted, 'more item');
    return `\n… and ${what} not shown here (see the job summary of the workflow run).`;
  };
}

function issueRows(model: ReportModel, number: number): { text: string; findings: number }[] {
  const findings = model.result.findings.filter((f) => f.issue === number);
  if (findings.length > 0) return findings.map((f) => ({ text: findingItem(f), findings: 1 }));
  const reason = skipReasons(model).get(number);
  const passes = model.baseline?.known.some((f) => f.issue === number) ? PASSES_BASELINE : PASSES;
  const text = reason ? `This issue is not checked by backlog-lint: ${safe(reason)}.` : passes;
  return [{ text, findings: 0 }];
}

/**
 * A heading per linked issue (blank line before it), glued to the issue's first row so a
 * cut never leaves a bare heading.
 */
function pullRequestRows(model: ReportModel): { text: string; findings: number }[] {
  const issues = issuesByNumber(model);
  const byIssue = findingsByIssue(model.result.findings);
  const skipped = skipReasons(model);
  const numbers = [...new Set([...model.result.issues.map((i) => i.number), ...byIssue.keys()])];
  const rows = numbers.flatMap((number) => {
    const issue: IssueResult | undefined = issues.get(number);
    const heading = `#### ${issueLink(model, number, issue)}${issue ? ` ${safe(issue.title)}` : ''}`;
    const findings = byIssue.get(number) ?? [];
    if (findings.length === 0) {
      const reason = skipped.get(number);
      const text = reason ? `Not checked: ${safe(reason)}.` : '✅ Passes backlog-lint.';
      return [{ text: `\n${heading}\n\n${text}`, findings: 0 }];
    }
    return findings.map((f, i) => ({
      text: i === 0 ? `\n${heading}\n\n${findingItem(f)}` : findingItem(f),
      findings: 1,
    }));
  });
  // The head already ends with a blank line.
  if (rows[0]) rows[0].text = rows[0].text.slice(1);
  return rows;
}

function pullRequestIntro(model: ReportModel): string {
  const linked = model.result.issues.length;
  if (linked === 0) return 'This pull request links no issues, so there is nothing to check.';
  const withFindings = findingsByIssue(model.result.findings).size;
  if (withFindings === 0) return `✅ ${plural(linked, 'linked issue')}: all pass backlog-lint.`;
  if (withFindings === linked && linked > 1)
    return `All ${linked} linked issues have ownership findings.`;
  return `${withFindings} of ${plural(linked, 'linked issue')} ${withFindings === 1 ? 'has' : 'have'} ownership findings.`;
}

function counts(findings: readonly Finding[]): string {
  const n = (level: Finding['severity']) => findings.filter((f) => f.severity === level).length;
  return LEVELS.filter((level) => n(level) > 0)
    .map((level) => `${LEVEL_ICON[level]} ${plural(n(level), level)}`)
    .join(' · ');
}

/** Sticky comment body within `maxChars` characters, starting with COMMENT_MARKER. */
export function renderComment(
  model: ReportModel,
  target: CommentTarget,
  maxChars: number = GITHUB_BODY_MAX_CHARS,
): string {
  const isIssue = target.kind === 'issue';
  const relevant = isIssue
    ? model.result.findings.filter((f) => f.issue === target.number)
    : model.result.findings;
  const head = [
    COMMENT_MARKER,
    isIssue ? '### backlog-lint' : '### backlog-lint: issues linked to this pull request',
  ];
  if (!model.complete) {
    const why = model.incompleteReason?.trim().replace(/\.+$/, '');
    head.push(
      `> **⚠️ Incomplete run${why ? `: ${safe(why)}` : ''}.** The results below may be incomplete.`,
    );
  }
  const intro = isIssue ? (relevant.length > 0 ? counts(relevant) : '') : pullRequestIntro(model);
  if (intro) head.push(intro);

  const known = (model.baseline?.known ?? []).filter((f) => !isIssue || f.issue === target.number);
  if (known.length > 0) {
    head.push(
      `📌 ${plural(known.length, 'known finding')} accepted by the baseline ${known.length === 1 ? 'is' : 'are'} not listed here.`,
    );
  }

  const rows = isIssue ? issueRows(model, target.number) : pullRequestRows(model);
  const sections: Section[] = [
    {
      head: `${head.join('\n\n')}\n`,
      rows: rows.map((r) => r.text),
      more: moreLine(rows),
    },
  ];
  if (!isIssue && model.skipped.length > 0) {
    sections.push({
      head: '**Not checked:**\n',
      rows: model.skipped.map((s) => `- ${safe(s.item)}: ${safe(s.reason)}`),
      more: (n) => `- … and ${n} more`,
      priority: 1,
    });
  }
  if (!isIssue && model.preview) {
    sections.push(...previewSections(model.preview, { heading: '###', pullRequest: true }));
  }
  const runUrl = model.runUrl ? safeUrl(model.runUrl) : null;
  if (runUrl) sections.push({ head: `<sub>[backlog-lint workflow run](${runUrl})</sub>` });
  return fitSections(sections, maxChars, jsChars);
}
