// The baseline file: the findings a team accepted when it switched backlog-lint on, as
// sorted JSON that stays byte-identical across runs over the same findings (no dates, no
// messages, no titles: only what identifies each finding), so it diffs well in review.
import { z } from '../zod.js';
import { ruleIds } from '../rules/index.js';
import type { LintResult } from '../types.js';
import { compareIdentities, identityOf, type FindingIdentity } from './key.js';

export const BASELINE_VERSION = 1;

export interface Baseline {
  /** Sorted by issue, rule, subject; one entry per identity. */
  entries: FindingIdentity[];
}

/** A baseline file that cannot be used; says which file and what is wrong. */
export class BaselineError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`baseline ${file}: ${detail}`);
    this.name = 'BaselineError';
  }
}

/** The baseline file's shape; built on first use (only a run with a baseline reads one). */
function fileSchema() {
  const entrySchema = z.strictObject({
    issue: z.number().check(z.int(), z.positive()),
    rule: z.enum(ruleIds()),
    subject: z.optional(z.string()),
  });
  return z.strictObject({
    version: z.literal(BASELINE_VERSION),
    generatedBy: z.optional(z.literal('backlog-lint')),
    entries: z.array(entrySchema),
  });
}
let fileShape: ReturnType<typeof fileSchema> | undefined;

/** Sorted, without duplicates. */
function normalize(entries: readonly FindingIdentity[]): FindingIdentity[] {
  const unique = new Map<string, FindingIdentity>();
  for (const e of entries) unique.set(`${e.issue}\u0000${e.rule}\u0000${e.subject}`, e);
  return [...unique.values()].sort(compareIdentities);
}

/** The baseline of a run: every finding it reported. */
export function baselineOf(result: LintResult): Baseline {
  const issues = new Map(result.issues.map((i) => [i.number, i]));
  return { entries: normalize(result.findings.map((f) => identityOf(f, issues.get(f.issue)))) };
}

/** The file's text: one entry per line, sorted, `subject` only when there is one. */
export function formatBaseline(baseline: Baseline): string {
  const lines = normalize(baseline.entries).map((e) =>
    JSON.stringify(
      e.subject === ''
        ? { issue: e.issue, rule: e.rule }
        : { issue: e.issue, rule: e.rule, subject: e.subject },
    ),
  );
  const body = lines.length === 0 ? '[]' : `[\n    ${lines.join(',\n    ')}\n  ]`;
  return `{\n  "version": ${BASELINE_VERSION},\n  "generatedBy": "backlog-lint",\n  "entries": ${body}\n}\n`;
}

/** Parses a baseline file; BaselineError names the file and, for a bad entry, its index. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new BaselineError(
      file,
      `not valid JSON (${err instanceof Error ? err.message : String(err)}); write it again with \`backlog-lint --write-baseline ${file}\``,
    );
  }
  const parsed = (fileShape ??= fileSchema()).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new BaselineError(
      file,
      `not a backlog-lint baseline${where}: ${issue?.message ?? 'invalid'} (expected { "version": 1, "entries": [{ "issue": 12, "rule": "owner-role", "subject": "product" }] })`,
    );
  }
  return {
    entries: normalize(
      parsed.data.entries.map((e) => ({ issue: e.issue, rule: e.rule, subject: e.subject ?? '' })),
    ),
  };
}
