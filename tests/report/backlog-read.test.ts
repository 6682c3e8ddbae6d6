// The job summary's "Backlog read" line quotes text the run did not write: a label name (from
// the repository) in the reason of a full read, the Actions cache's error text in a failed
// save. It is escaped like every other untrusted text: one line, no mention, no link.
import { describe, expect, it } from 'vitest';
import { backlogReadLine } from '../../src/report/backlog-read.js';
import type { ReportModel } from '../../src/types.js';

const line = (backlogRead: ReportModel['backlogRead']) =>
  backlogReadLine({ backlogRead } as ReportModel);

describe('backlogReadLine', () => {
  it('escapes a quoted label and the cache error text', () => {
    const text = line({
      kind: 'full',
      pages: 3,
      reason:
        'the label "@acme/admins see https://evil.example/x\nacme/other#12" of the snapshot no longer exists',
      saved: false,
      saveProblem: 'Failed\r\nto reserve: <img src=x> www.evil.example @octocat',
    });
    expect(text).not.toMatch(/[\r\n]/);
    expect(text).not.toMatch(/(^|[^@])@(acme|octocat)/); // every @ broken by a zero-width space
    expect(text).not.toContain('https://evil.example');
    expect(text).not.toContain('www.evil.example');
    expect(text).not.toContain('acme/other#12');
    expect(text).not.toContain('<img');
    expect(text).toMatch(
      /^Backlog read: full, 3 pages \(the label .* no longer exists\); snapshot not stored \(.*\)$/,
    );
  });

  it('says what was read since the last run', () => {
    expect(
      line({
        kind: 'since',
        pages: 2,
        since: '2026-12-01T00:00:00Z',
        changed: 120,
        added: 2,
        updated: 117,
        removed: 1,
        saved: true,
      }),
    ).toBe(
      "Backlog read: incremental, 120 issues updated since 2026-12-01T00:00:00Z in 2 pages (2 added, 117 updated, 1 closed); the rest from the last run's snapshot; snapshot stored for the next run",
    );
  });
});
