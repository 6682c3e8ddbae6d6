// The config-change preview as a user reads it: markdown (PR comment, job summary,
// `--format markdown`), terminal text, and JSON. Titles and messages quote issue text, so
// they go through `safe` / `plainText` like every report.
import { LEVELS, type Level, type Severity } from '../types.js';
import { plainText, safe, safeUrl } from '../report/escape.js';
import type { Section } from '../report/fit.js';
import { LEVEL_ICON, plural } from '../report/format.js';
import type { ConfigPreview, Ownership, PreviewIssue, RuleChange } from './compare.js';

/** Hidden marker of the preview block inside the PR comment. */
export const PREVIEW_MARKER = '<!-- backlog-lint:config-preview -->';

const NONE = '—';

function link(issue: { issue: number; url: string }): string {
  const url = issue.url ? safeUrl(issue.url) : null;
  return url ? `[#${issue.issue}](${url})` : `#${issue.issue}`;
}

function ownershipText(o: Ownership, esc: (s: string) => string): string {
  if (o.type === null && o.ownerRole === null) return 'untyped';
  return `${o.type === null ? 'ambiguous' : esc(o.type)} (${o.ownerRole === null ? 'no owner role' : esc(o.ownerRole)})`;
}

function severityText(s: Severity): string {
  return s === 'off' ? 'off' : `${LEVEL_ICON[s]} ${s}`;
}

function ruleText(r: RuleChange['before']): string {
  return `${severityText(r.severity)} · ${r.count}`;
}

function countsText(counts: Record<Level, number>): string {
  return LEVELS.map((l) => `${LEVEL_ICON[l]} ${counts[l]}`).join(' · ');
}

function issueItem(i: PreviewIssue): string {
  const findings = i.findings.map(
    (f) => `${LEVEL_ICON[f.severity]} \`${f.rule}\` ${safe(f.message)}`,
  );
  return `- ${link(i)} ${safe(i.title)}: ${findings.join('; ')}`;
}

/**
 * The preview as report sections (so the comment and summary cut whole rows to fit):
 * the headline, base → head counts, the issues that newly fail / pass / change owner, and
 * the rules whose severity or count changed.
 */
export function previewSections(
  preview: ConfigPreview,
  opts: { heading: string; pullRequest: boolean },
): Section[] {
  const { base, head } = preview;
  const { heading } = opts;
  const headName = opts.pullRequest ? 'This pull request' : 'Head';
  const intro = opts.pullRequest
    ? `This pull request changes the backlog-lint config. The ${plural(head.issuesChecked, 'open issue')} were linted with the base config (${safe(base.source)}) and with this pull request's config (${safe(head.source)}). Nothing was written to any issue.`
    : `The ${plural(head.issuesChecked, 'issue')} linted with the base config (${safe(base.source)}) and with the head config (${safe(head.source)}).`;
  const sections: Section[] = [
    {
      head: [
        PREVIEW_MARKER,
        `${heading} Config change preview`,
        intro,
        `**${plural(preview.newlyFailing.length, 'issue')} newly failing · ${plural(preview.newlyPassing.length, 'issue')} newly passing · ${plural(preview.ownerChanged.length, 'issue')} with another type or owner role** (failing: a finding at ${preview.threshold} level${preview.threshold === 'error' ? '' : ' or above'})`,
        [
          '| | Findings | Failing issues |',
          '| --- | --- | --- |',
          `| Base | ${countsText(base.counts)} | ${base.failingIssues} |`,
          `| ${headName} | ${countsText(head.counts)} | ${head.failingIssues} |`,
        ].join('\n'),
      ].join('\n\n'),
    },
  ];
  const list = (title: string, items: PreviewIssue[], priority: number): void => {
    if (items.length === 0) return;
    sections.push({
      head: `**${title} (${items.length})**\n`,
      rows: items.map(issueItem),
      more: (n) => `- … and ${n} more (see the job summary)`,
      priority,
    });
  };
  list('Newly failing', preview.newlyFailing, 1);
  list('Newly passing', preview.newlyPassing, 2);
  if (preview.ownerChanged.length > 0) {
    sections.push({
      head: `**Type or owner role changed (${preview.ownerChanged.length})**\n\n| Issue | Title | Before | After |\n| --- | --- | --- | --- |`,
      rows: preview.ownerChanged.map(
        (c) =>
          `| ${link(c)} | ${safe(c.title) || NONE} | ${ownershipText(c.before, safe)} | ${ownershipText(c.after, safe)} |`,
      ),
      more: (n) => `\n… and ${n} more (see the job summary)`,
      priority: 3,
    });
  }
  if (preview.rules.length > 0) {
    sections.push({
      head: `**Findings per rule, before → after**\n\n| Rule | Base | ${headName} |\n| --- | --- | --- |`,
      rows: preview.rules.map(
        (r) => `| \`${r.rule}\` | ${ruleText(r.before)} | ${ruleText(r.after)} |`,
      ),
      priority: 0,
    });
  }
  return sections;
}

/** Terminal output of `--compare-config`. */
export function renderPreviewText(preview: ConfigPreview): string {
  const { base, head } = preview;
  const counts = (c: Record<Level, number>) => LEVELS.map((l) => plural(c[l], l)).join(', ');
  const out = [
    `Config change: ${plainText(base.source)} → ${plainText(head.source)} (${plural(head.issuesChecked, 'issue')})`,
    `  base: ${counts(base.counts)}; ${base.failingIssues} failing`,
    `  head: ${counts(head.counts)}; ${head.failingIssues} failing`,
    '',
  ];
  const issues = (title: string, items: PreviewIssue[]) => {
    if (items.length === 0) return;
    out.push(`${title} (${items.length}):`);
    for (const i of items) {
      out.push(`  #${i.issue} ${plainText(i.title)}`);
      for (const f of i.findings) out.push(`    ${f.severity} ${f.rule} ${plainText(f.message)}`);
    }
    out.push('');
  };
  issues('Newly failing', preview.newlyFailing);
  issues('Newly passing', preview.newlyPassing);
  if (preview.ownerChanged.length > 0) {
    out.push(`Type or owner role changed (${preview.ownerChanged.length}):`);
    for (const c of preview.ownerChanged) {
      out.push(
        `  #${c.issue} ${plainText(c.title)}: ${ownershipText(c.before, plainText)} → ${ownershipText(c.after, plainText)}`,
      );
    }
    out.push('');
  }
  if (preview.rules.length > 0) {
    out.push('Findings per rule (base → head):');
    for (const r of preview.rules) {
      const side = (x: RuleChange['before']) => `${x.severity} ${x.count}`;
      out.push(`  ${r.rule.padEnd(20)}${side(r.before)} → ${side(r.after)}`);
    }
    out.push('');
  }
  out.push(
    preview.addedFindings > 0
      ? `✖ the head config adds ${plural(preview.addedFindings, 'finding')} at ${preview.threshold} level or above`
      : `✔ the head config adds no finding at ${preview.threshold} level or above`,
  );
  return `${out.join('\n')}\n`;
}

/** `--compare-config --format json`: the preview itself, versioned. */
export function previewJson(
  preview: ConfigPreview,
  repository: string,
): { version: 1; repository: string } & ConfigPreview {
  return { version: 1, repository, ...preview };
}
