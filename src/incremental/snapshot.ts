// Incremental backlog runs (README "Incremental backlog runs"): the compact facts of the last
// complete backlog read, kept between runs, plus what is needed to decide whether they can
// be brought up to date by reading only the issues updated since, and the merge that does it.
// Pure: no I/O (the store is src/action/facts-store.ts, the since-read
// src/github/changed-issues.ts).
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IssueFacts, IssueTypeRef, ResolvedConfig } from '../types.js';

/** Format of the stored snapshot; a snapshot of another format is read fully again. */
export const SNAPSHOT_FORMAT = 1;
/** A full read at least this often (a week), whatever else: bounds what `since` cannot see. */
export const FULL_READ_EVERY_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * `since` is the previous read's start minus this margin: the runner's clock and GitHub's
 * `updatedAt` come from different machines, and an issue read twice costs nothing.
 */
export const SINCE_MARGIN_MS = 10 * 60 * 1000;

/** An open report issue of the action's own, as the last read saw it (its body holds the trend). */
export interface SnapshotReportIssue {
  number: number;
  body: string;
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** `owner/name`, lower-cased. */
  repository: string;
  /** `snapshotDigest(...)` of the run that wrote it. */
  digest: string;
  /** When the read this snapshot reflects started (ISO): the next `since` is taken from it. */
  readAt: string;
  /** When the last full read started (ISO): at least weekly, a full read again. */
  fullAt: string;
  /** Every open issue but the own report issues, by ascending number. */
  issues: IssueFacts[];
  /** The own report issues (not linted), by ascending number. */
  reportIssues: SnapshotReportIssue[];
  /**
   * The repository's issue types when the snapshot was read; absent when unknown (a server
   * without issue types, or their request failed).
   */
  issueTypes?: IssueTypeRef[];
}

/**
 * What decides whether a snapshot may be brought up to date rather than read again: the
 * effective config (presets expanded, so a changed preset changes it too), the action's own
 * code, the report issue's title (which issues are set apart) and the snapshot format.
 */
export function snapshotDigest(parts: {
  config: ResolvedConfig;
  version: string;
  reportIssue: string;
}): string {
  const text = stableJson({
    format: SNAPSHOT_FORMAT,
    version: parts.version,
    reportIssue: parts.reportIssue,
    config: parts.config,
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

export type ReadPlan =
  | { kind: 'full'; reason: string }
  | {
      kind: 'since';
      /** ISO time: read the issues updated at or after it (open and closed). */
      since: string;
    };

/**
 * Full read or since-read. `problem` is why no snapshot could be had (missing, unreadable),
 * said as the reason of the full read.
 */
export function planRead(
  snapshot: Snapshot | null,
  ctx: { now: Date; digest: string; repository: string; maxAgeMs?: number; problem?: string },
): ReadPlan {
  const maxAge = ctx.maxAgeMs ?? FULL_READ_EVERY_MS;
  if (!snapshot)
    return { kind: 'full', reason: ctx.problem ?? 'no snapshot of an earlier complete run' };
  if (snapshot.repository !== ctx.repository.toLowerCase())
    return { kind: 'full', reason: 'the snapshot is of another repository' };
  if (snapshot.digest !== ctx.digest)
    return {
      kind: 'full',
      reason: 'the effective config, the report-issue title or the action version changed',
    };
  const now = ctx.now.getTime();
  const readAt = Date.parse(snapshot.readAt);
  const fullAt = Date.parse(snapshot.fullAt);
  if (readAt > now + SINCE_MARGIN_MS)
    return { kind: 'full', reason: 'the snapshot is dated in the future' };
  const days = Math.round(maxAge / 86_400_000);
  if (now - fullAt >= maxAge)
    return {
      kind: 'full',
      reason: `the last full read is ${days === 7 ? 'a week' : `${days} day(s)`} old or more (one at least every ${days === 7 ? 'week' : `${days} day(s)`})`,
    };
  return { kind: 'since', since: new Date(readAt - SINCE_MARGIN_MS).toISOString() };
}

/** One issue of a since-read: its facts, and its body when it is an own report issue. */
export interface ChangedIssue {
  facts: IssueFacts;
  /** Set when the issue is one of the action's own report issues (title, author, marker). */
  reportBody?: string;
}

export interface MergeStats {
  /** Open issues new to the snapshot (opened, reopened, transferred in). */
  added: number;
  /** Open issues already in the snapshot, replaced by their current facts. */
  updated: number;
  /** Issues of the snapshot now closed. */
  removed: number;
}

/**
 * The snapshot brought up to date with the issues updated since it was taken: a closed issue
 * leaves, an open one is added or replaced (reopened issues come back, edited ones change).
 * Issues that no longer appear at all (transferred to another repository, deleted, converted
 * to a discussion) cannot be seen by a since-read: the caller compares `open` with the open
 * count GitHub reports with each since page (`openCount` of this result against it) and reads
 * fully when they differ.
 * When an issue appears more than once (updated while the pages were read), the last wins.
 */
export function mergeSnapshot(
  snapshot: Snapshot,
  changed: Iterable<ChangedIssue>,
  at: { readAt: string },
): { snapshot: Snapshot; stats: MergeStats } {
  const issues = new Map<number, IssueFacts>();
  for (const i of snapshot.issues) issues.set(i.number, i);
  const reports = new Map<number, SnapshotReportIssue>();
  for (const r of snapshot.reportIssues) reports.set(r.number, r);
  const before = new Set([...issues.keys(), ...reports.keys()]);
  const stats: MergeStats = { added: 0, updated: 0, removed: 0 };
  const touched = new Map<number, 'open' | 'closed'>();
  for (const { facts, reportBody } of changed) {
    const n = facts.number;
    issues.delete(n);
    reports.delete(n);
    touched.set(n, facts.state);
    if (facts.state !== 'open') continue;
    if (reportBody !== undefined) reports.set(n, { number: n, body: reportBody });
    else issues.set(n, facts);
  }
  for (const [n, state] of touched) {
    if (state === 'open') {
      if (before.has(n)) stats.updated++;
      else stats.added++;
    } else if (before.has(n)) stats.removed++;
  }
  return {
    snapshot: {
      ...snapshot,
      readAt: at.readAt,
      issues: [...issues.values()].sort((a, b) => a.number - b.number),
      reportIssues: [...reports.values()].sort((a, b) => a.number - b.number),
    },
    stats,
  };
}

/** Open issues the snapshot knows (linted ones and own report issues). */
export function openCount(snapshot: Snapshot): number {
  return snapshot.issues.length + snapshot.reportIssues.length;
}

/** The snapshot of a full read. */
export function fullSnapshot(parts: {
  repository: string;
  digest: string;
  readAt: string;
  issues: IssueFacts[];
  reportIssues: SnapshotReportIssue[];
  issueTypes?: IssueTypeRef[] | null;
}): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    repository: parts.repository.toLowerCase(),
    digest: parts.digest,
    readAt: parts.readAt,
    fullAt: parts.readAt,
    issues: [...parts.issues].sort((a, b) => a.number - b.number),
    reportIssues: [...parts.reportIssues].sort((a, b) => a.number - b.number),
    ...(parts.issueTypes && { issueTypes: parts.issueTypes }),
  };
}

/**
 * Why the snapshot's issue types no longer hold: a type it knew that the repository now
 * names differently, or no longer lists. Its issues may have changed without an update a
 * since-read sees. Null when none, or when either list is unknown. A type the organisation
 * disabled leaves the repository's list too (so the emulator has it; GitHub's documentation
 * does not say): that costs one full read, after which the snapshot no longer has it.
 */
export function changedIssueType(
  before: readonly IssueTypeRef[] | undefined,
  now: readonly IssueTypeRef[] | null,
): string | null {
  if (!before || !now) return null;
  const names = new Map(now.map((t) => [t.id, t.name]));
  for (const t of before) {
    const name = names.get(t.id);
    if (name === undefined)
      return `the issue type ${JSON.stringify(t.name)} of the snapshot is no longer among the repository's (deleted or disabled)`;
    if (name !== t.name)
      return `the issue type ${JSON.stringify(t.name)} of the snapshot is now called ${JSON.stringify(name)}`;
  }
  return null;
}

/** The stored snapshot could not be used (wrong format, corrupt); the run reads fully. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** Gzipped JSON: ~15 MB of facts at 50,000 issues become ~1–2 MB to store. */
export function encodeSnapshot(snapshot: Snapshot): Buffer {
  return gzipSync(JSON.stringify(snapshot), { level: 6 });
}

export function decodeSnapshot(data: Buffer): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(gunzipSync(data).toString('utf8'));
  } catch (err) {
    throw new SnapshotError(
      `the snapshot is not gzipped JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  return validateSnapshot(value);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function validFacts(v: unknown): v is IssueFacts {
  if (!isObj(v)) return false;
  return (
    isNumber(v.number) &&
    typeof v.title === 'string' &&
    typeof v.url === 'string' &&
    v.state === 'open' &&
    isStrings(v.labels) &&
    isStrings(v.assignees) &&
    isNullableString(v.author) &&
    isNullableString(v.milestone) &&
    isNullableString(v.issueType) &&
    isStrings(v.directives) &&
    (v.parent === undefined || v.parent === null || isNumber(v.parent)) &&
    (v.subIssues === undefined ||
      (typeof v.subIssues === 'number' && Number.isInteger(v.subIssues) && v.subIssues >= 0)) &&
    v.repository === undefined
  );
}

/** Checks every field the engine relies on: a snapshot from the cache is data, not trusted code. */
function validateSnapshot(value: unknown): Snapshot {
  if (!isObj(value)) throw new SnapshotError('the snapshot is not an object');
  if (value.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(
      `the snapshot has format ${JSON.stringify(value.format)}, this version reads ${SNAPSHOT_FORMAT}`,
    );
  if (typeof value.repository !== 'string' || typeof value.digest !== 'string')
    throw new SnapshotError('the snapshot lacks its repository or digest');
  if (!isTime(value.readAt) || !isTime(value.fullAt))
    throw new SnapshotError('the snapshot lacks valid readAt / fullAt times');
  if (!Array.isArray(value.issues) || !Array.isArray(value.reportIssues))
    throw new SnapshotError('the snapshot lacks its issues');
  const seen = new Set<number>();
  value.issues.forEach((i, at) => {
    if (!validFacts(i)) throw new SnapshotError(`the snapshot's issue at index ${at} is malformed`);
    if (seen.has(i.number)) throw new SnapshotError(`the snapshot holds issue #${i.number} twice`);
    seen.add(i.number);
  });
  for (const r of value.reportIssues) {
    if (!isObj(r) || !isNumber(r.number) || typeof r.body !== 'string' || seen.has(r.number))
      throw new SnapshotError('the snapshot holds a malformed report issue');
    seen.add(r.number);
  }
  if (
    value.issueTypes !== undefined &&
    !(
      Array.isArray(value.issueTypes) &&
      value.issueTypes.every(
        (t) => isObj(t) && typeof t.id === 'string' && typeof t.name === 'string',
      )
    )
  )
    throw new SnapshotError('the snapshot holds malformed issue types');
  return value as unknown as Snapshot;
}
