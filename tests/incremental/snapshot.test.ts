import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import {
  decodeSnapshot,
  encodeSnapshot,
  FULL_READ_EVERY_MS,
  fullSnapshot,
  mergeSnapshot,
  openCount,
  planRead,
  SINCE_MARGIN_MS,
  snapshotDigest,
  SnapshotError,
  type ChangedIssue,
  type Snapshot,
} from '../../src/incremental/index.js';
import type { IssueFacts } from '../../src/types.js';

function facts(number: number, over: Partial<IssueFacts> = {}): IssueFacts {
  return {
    number,
    title: `Issue ${number}`,
    url: `https://github.com/acme/widgets/issues/${number}`,
    state: 'open',
    labels: [],
    assignees: [],
    author: 'alice',
    milestone: null,
    issueType: null,
    directives: [],
    ...over,
  };
}

const T0 = '2026-12-01T03:00:00.000Z';
const digest = snapshotDigest({ config: defaultConfig(), version: 'v1', reportIssue: '' });

function snap(issues: IssueFacts[], over: Partial<Snapshot> = {}): Snapshot {
  return {
    ...fullSnapshot({ repository: 'Acme/Widgets', digest, readAt: T0, issues, reportIssues: [] }),
    ...over,
  };
}

describe('snapshotDigest', () => {
  it('changes with the config, the version and the report-issue title, not with key order', () => {
    const config = defaultConfig();
    const base = snapshotDigest({ config, version: 'v1', reportIssue: '' });
    const reordered = Object.fromEntries(Object.entries(config).reverse()) as typeof config;
    expect(snapshotDigest({ config: reordered, version: 'v1', reportIssue: '' })).toBe(base);
    expect(snapshotDigest({ config, version: 'v2', reportIssue: '' })).not.toBe(base);
    expect(snapshotDigest({ config, version: 'v1', reportIssue: 'Backlog' })).not.toBe(base);
    const changed = structuredClone(config);
    changed.ignore.labels = [...changed.ignore.labels, 'wontfix-later'];
    expect(snapshotDigest({ config: changed, version: 'v1', reportIssue: '' })).not.toBe(base);
  });
});

describe('planRead', () => {
  const ctx = { now: new Date('2026-12-02T03:00:00Z'), digest, repository: 'acme/widgets' };

  it('reads since the last read (minus the clock margin) when the snapshot fits', () => {
    expect(planRead(snap([]), ctx)).toEqual({
      kind: 'since',
      since: new Date(Date.parse(T0) - SINCE_MARGIN_MS).toISOString(),
    });
  });

  it('reads fully without a snapshot, saying why', () => {
    expect(planRead(null, ctx)).toEqual({
      kind: 'full',
      reason: 'no snapshot of an earlier complete run',
    });
    expect(planRead(null, { ...ctx, problem: 'the cache could not be read: boom' })).toEqual({
      kind: 'full',
      reason: 'the cache could not be read: boom',
    });
  });

  it('reads fully when the digest or the repository differ', () => {
    expect(planRead(snap([], { digest: 'other' }), ctx)).toMatchObject({
      kind: 'full',
      reason: expect.stringContaining('config'),
    });
    expect(planRead(snap([], { repository: 'acme/other' }), ctx)).toMatchObject({
      kind: 'full',
      reason: expect.stringContaining('another repository'),
    });
  });

  it('reads fully once a week after the last full read, even after since-reads', () => {
    const s = snap([], { readAt: '2026-12-08T02:00:00.000Z' });
    const inAWeek = new Date(Date.parse(T0) + FULL_READ_EVERY_MS);
    expect(planRead(s, { ...ctx, now: inAWeek })).toMatchObject({
      kind: 'full',
      reason: expect.stringContaining('week'),
    });
    expect(planRead(s, { ...ctx, now: new Date(inAWeek.getTime() - 1) }).kind).toBe('since');
  });

  it('reads fully when the snapshot is dated in the future (a wrong clock)', () => {
    const s = snap([], { readAt: '2026-12-03T03:00:00.000Z' });
    expect(planRead(s, ctx)).toMatchObject({ kind: 'full' });
  });
});

describe('mergeSnapshot', () => {
  it('drops closed issues, adds new and reopened ones, replaces edited ones', () => {
    const s = snap([facts(1), facts(2), facts(3)]);
    const changed: ChangedIssue[] = [
      { facts: facts(2, { state: 'closed' }) },
      { facts: facts(3, { labels: ['budget'] }) },
      { facts: facts(4) },
      { facts: facts(9, { title: 'reopened' }) }, // closed at snapshot time, open now
      { facts: facts(10, { state: 'closed' }) }, // opened and closed in between: never seen
    ];
    const { snapshot, stats } = mergeSnapshot(s, changed, { readAt: '2026-12-02T03:00:00.000Z' });
    expect(snapshot.issues.map((i) => [i.number, i.labels, i.title])).toEqual([
      [1, [], 'Issue 1'],
      [3, ['budget'], 'Issue 3'],
      [4, [], 'Issue 4'],
      [9, [], 'reopened'],
    ]);
    expect(stats).toEqual({ added: 2, updated: 1, removed: 1 });
    expect(snapshot.readAt).toBe('2026-12-02T03:00:00.000Z');
    expect(snapshot.fullAt).toBe(T0); // a since-read is not a full read
    expect(s.issues).toHaveLength(3); // the input is not changed
  });

  it('the last appearance of an issue wins (updated while the pages were read)', () => {
    const { snapshot } = mergeSnapshot(
      snap([facts(1)]),
      [{ facts: facts(1, { labels: ['a'] }) }, { facts: facts(1, { state: 'closed' }) }],
      { readAt: T0 },
    );
    expect(snapshot.issues).toEqual([]);
  });

  it('keeps own report issues apart, with their body, and lets them become plain issues', () => {
    const s = snap([facts(1)]);
    const withReport = mergeSnapshot(s, [{ facts: facts(5), reportBody: 'history' }], {
      readAt: T0,
    }).snapshot;
    expect(withReport.issues.map((i) => i.number)).toEqual([1]);
    expect(withReport.reportIssues).toEqual([{ number: 5, body: 'history' }]);
    expect(openCount(withReport)).toBe(2);
    const plain = mergeSnapshot(withReport, [{ facts: facts(5) }], { readAt: T0 }).snapshot;
    expect(plain.issues.map((i) => i.number)).toEqual([1, 5]);
    expect(plain.reportIssues).toEqual([]);
  });

  // The property the feature rests on: a snapshot brought up to date by the issues updated
  // since equals a full read of the backlog now, over random histories of changes.
  it('equals a full read after random opens, edits, closes and reopens', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      // The "server": every issue with its state and the step it was last updated at.
      const server = new Map<number, { facts: IssueFacts; updated: number }>();
      let next = 1;
      for (; next <= 50; next++)
        server.set(next, {
          facts: facts(next, { state: rand(4) === 0 ? 'closed' : 'open' }),
          updated: 0,
        });
      const fullRead = (): IssueFacts[] =>
        [...server.values()].filter((i) => i.facts.state === 'open').map((i) => i.facts);
      let s = fullSnapshot({
        repository: 'acme/widgets',
        digest,
        readAt: T0,
        issues: fullRead(),
        reportIssues: [],
      });
      for (let step = 1; step <= 5; step++) {
        for (let k = 0; k < 8; k++) {
          const action = rand(4);
          if (action === 0) {
            server.set(next, { facts: facts(next), updated: step });
            next++;
          } else {
            const n = 1 + rand(next - 1);
            const cur = server.get(n)!;
            const f =
              action === 1
                ? { ...cur.facts, labels: [`l${rand(5)}`], assignees: rand(2) ? ['bob'] : [] }
                : {
                    ...cur.facts,
                    state: cur.facts.state === 'open' ? ('closed' as const) : ('open' as const),
                  };
            server.set(n, { facts: f, updated: step });
          }
        }
        const changed = [...server.values()]
          .filter((i) => i.updated === step)
          .map((i) => ({ facts: i.facts }));
        s = mergeSnapshot(s, changed, { readAt: T0 }).snapshot;
        expect(s.issues).toEqual(fullRead());
        expect(openCount(s)).toBe(fullRead().length);
      }
    }
  });
});

describe('encodeSnapshot / decodeSnapshot', () => {
  it('round-trips', () => {
    const s = snap([facts(1, { parent: 3, subIssues: 2, directives: ['x'] }), facts(2)]);
    s.reportIssues = [{ number: 7, body: 'b' }];
    expect(decodeSnapshot(encodeSnapshot(s))).toEqual(s);
    s.issueTypes = [{ id: 'IT_1', name: 'Bug' }];
    expect(decodeSnapshot(encodeSnapshot(s))).toEqual(s);
  });

  it('refuses what is not a snapshot of this format, naming the problem', () => {
    expect(() => decodeSnapshot(Buffer.from('not gzip'))).toThrow(SnapshotError);
    const s = snap([facts(1)]);
    const bad = (v: unknown): Buffer => encodeSnapshot(v as Snapshot);
    expect(() => decodeSnapshot(bad({ ...s, format: 2 }))).toThrow(/format 2/);
    expect(() => decodeSnapshot(bad({ ...s, readAt: 'yesterday' }))).toThrow(/readAt/);
    expect(() =>
      decodeSnapshot(bad({ ...s, issues: [{ ...facts(1), labels: 'budget' }] })),
    ).toThrow(/index 0 is malformed/);
    expect(() => decodeSnapshot(bad({ ...s, issues: [facts(1), facts(1)] }))).toThrow(/twice/);
    expect(() => decodeSnapshot(bad({ ...s, issues: [{ ...facts(1), state: 'closed' }] }))).toThrow(
      /malformed/,
    );
    expect(() => decodeSnapshot(bad({ ...s, issueTypes: [{ id: 1, name: 'Bug' }] }))).toThrow(
      /malformed issue types/,
    );
    expect(() => decodeSnapshot(bad({ ...s, issueTypes: 'Bug' }))).toThrow(/malformed issue types/);
  });
});
