// Workflow annotations: one per finding, within GitHub's display limit of 10 per level per
// step. Annotations are plain text (no markdown, no notifications), so messages are only
// stripped of control characters.
import { LEVELS, type Finding, type Level, type ReportModel } from '../types.js';
import { plainText } from './escape.js';
import { ANNOTATIONS_PER_LEVEL, findingsDigest } from './findings-digest.js';
import { describeFix, plural } from './format.js';

export { ANNOTATIONS_PER_LEVEL };

export interface Annotation {
  level: Level;
  title: string;
  message: string;
}

function toAnnotation(f: Finding): Annotation {
  const fix = describeFix(f.fix, plainText);
  const message = plainText(f.message);
  return {
    level: f.severity,
    title: `#${f.issue} ${f.rule}`,
    // Engine messages end without a full stop; the fix is a sentence of its own.
    message: fix ? `${message.replace(/[.!?]?$/, '.')} Suggested fix: ${fix}.` : message,
  };
}

/**
 * Errors first, then warnings, then notices, at most 10 of each. When findings are left
 * out, a last annotation says how many and points to the job summary. It is a notice when
 * the notice level has a free slot (so it hides no finding); otherwise it takes the last
 * slot of the lowest level that overflowed, whose rest is in the summary anyway.
 */
export function buildAnnotations(
  model: ReportModel,
  /**
   * Slots left per level (default 10 each): the action keeps one error slot for the step's
   * failure message, and counts annotations it already made (config notice, team error).
   */
  slots: Partial<Record<Level, number>> = {},
): Annotation[] {
  const limits = { error: 0, warning: 0, notice: 0 };
  for (const level of LEVELS)
    limits[level] = Math.max(
      0,
      Math.min(ANNOTATIONS_PER_LEVEL, slots[level] ?? ANNOTATIONS_PER_LEVEL),
    );
  const limit = (level: Level): number => limits[level];
  // The findings of each level, and the first `limit` of them (a backlog has thousands, at
  // most 30 are shown), from the one pass over the findings the reports share.
  const { count: found, first } = findingsDigest(model.result);
  const shown = new Map<Level, Finding[]>(
    LEVELS.map((level) => [level, first[level].slice(0, limits[level])]),
  );
  const total = model.result.findings.length;
  const count = (m: Map<Level, Finding[]>, level: Level) => m.get(level)?.length ?? 0;
  let omitted = total - LEVELS.reduce((n, level) => n + count(shown, level), 0);
  const annotations = LEVELS.flatMap((level) => (shown.get(level) ?? []).map(toAnnotation));
  if (omitted === 0) return annotations;

  const overflowed = [...LEVELS]
    .reverse()
    .find((level) => found[level] > limit(level) && limit(level) > 0);
  const pointerLevel: Level =
    count(shown, 'notice') < limit('notice') ? 'notice' : (overflowed ?? 'notice');
  if (count(shown, pointerLevel) >= limit(pointerLevel) && count(shown, pointerLevel) > 0) {
    // Make room: drop the last shown annotation of that level.
    const lastIndex = annotations.map((a) => a.level).lastIndexOf(pointerLevel);
    annotations.splice(lastIndex, 1);
    omitted += 1;
  }
  annotations.push({
    level: pointerLevel,
    title: `backlog-lint: ${plural(omitted, 'more finding')}`,
    message:
      `${plural(omitted, 'more finding')} not shown as annotations (GitHub shows ` +
      `${ANNOTATIONS_PER_LEVEL} per level); see the job summary of this run for all ` +
      `${plural(total, 'finding')}.`,
  });
  return annotations;
}
