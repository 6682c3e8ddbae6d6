import { describe, expect, it } from 'vitest';
import { buildJsonReport } from '../../src/report/json.js';
import { model, sampleModel } from './fixtures.js';

describe('buildJsonReport', () => {
  it('has the SPEC fields', () => {
    const report = buildJsonReport(sampleModel());
    expect(report).toMatchObject({
      version: 1,
      repository: 'acme/widgets',
      mode: 'backlog',
      complete: true,
      issuesChecked: 3,
      counts: { error: 1, warning: 2, notice: 0 },
    });
    expect(report.findings).toHaveLength(3);
  });

  it('gives each finding its issue, rule, severity, message, fix, title and url', () => {
    const [first, , third] = buildJsonReport(sampleModel()).findings;
    expect(first).toEqual({
      issue: 12,
      rule: 'owner-role',
      severity: 'error',
      message: 'Owned by role project, assigned to product only',
      fix: { addLabels: [], addAssignees: ['bob'] },
      title: 'Budget for Q3',
      url: 'https://github.com/acme/widgets/issues/12',
    });
    expect(third).not.toHaveProperty('fix');
  });

  it('keeps issue text raw: escaping is for the consumer', () => {
    const m = sampleModel();
    const issue = m.result.issues[0];
    if (issue) issue.title = '<b>@alice</b>';
    expect(buildJsonReport(m).findings[0]?.title).toBe('<b>@alice</b>');
  });

  it('reports why a run is incomplete, skipped items, waivers, role health, load and writes', () => {
    const report = buildJsonReport(
      sampleModel({
        complete: false,
        incompleteReason: 'rate limit',
        skipped: [{ item: 'pull request #5', reason: 'not an issue' }],
        dryRun: true,
        writes: [{ kind: 'comment', issue: 12, description: 'sticky comment', done: false }],
      }),
    );
    expect(report.complete).toBe(false);
    expect(report.incompleteReason).toBe('rate limit');
    expect(report.skipped).toEqual([
      { item: '#30', issue: 30, reason: 'label duplicate is ignored' },
      { item: 'pull request #5', reason: 'not an issue' },
    ]);
    expect(report.waivers.map((w) => [w.issue, w.active])).toEqual([
      [20, true],
      [15, false],
    ]);
    expect(report.roleHealth[0]?.kind).toBe('empty-role');
    expect(report.load.members[0]).toEqual({ login: 'alice', roles: ['product'], open: 2 });
    expect(report.dryRun).toBe(true);
    expect(report.writes).toHaveLength(1);
    expect(report.generatedBy).toBe('backlog-lint');
  });

  it('omits optional fields that are unknown and survives a JSON round trip', () => {
    const report = buildJsonReport(model());
    expect(report).not.toHaveProperty('incompleteReason');
    expect(report).not.toHaveProperty('runUrl');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
