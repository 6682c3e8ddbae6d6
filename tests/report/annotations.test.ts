import { describe, expect, it } from 'vitest';
import { buildAnnotations, type Annotation } from '../../src/report/annotations.js';
import type { Finding, Level } from '../../src/types.js';
import { finding, model } from './fixtures.js';

function many(level: Level, n: number, from = 1): Finding[] {
  return Array.from({ length: n }, (_, i) => finding(from + i, 'owner-required', level));
}

const perLevel = (annotations: Annotation[], level: Level) =>
  annotations.filter((a) => a.level === level).length;

describe('buildAnnotations', () => {
  it('emits one annotation per finding titled "#<number> <rule-id>", with the fix', () => {
    const annotations = buildAnnotations(
      model({
        result: {
          findings: [
            finding(12, 'owner-role', 'error', 'Owned by project, assigned to product only', {
              addLabels: ['owner: project'],
              addAssignees: ['bob'],
            }),
            finding(15, 'owner-required', 'warning', 'No assignee'),
          ],
        },
      }),
    );
    expect(annotations).toEqual([
      {
        level: 'error',
        title: '#12 owner-role',
        message:
          'Owned by project, assigned to product only. Suggested fix: add label "owner: project" and assign bob.',
      },
      { level: 'warning', title: '#15 owner-required', message: 'No assignee' },
    ]);
  });

  it('returns nothing when there are no findings', () => {
    expect(buildAnnotations(model())).toEqual([]);
  });

  it('puts the most severe first whatever the input order', () => {
    const levels = buildAnnotations(
      model({
        result: { findings: [...many('notice', 1), ...many('warning', 1), ...many('error', 1)] },
      }),
    ).map((a) => a.level);
    expect(levels).toEqual(['error', 'warning', 'notice']);
  });

  it('caps each level at 10 and points to the summary with a notice when notices have room', () => {
    const annotations = buildAnnotations(
      model({
        result: {
          findings: [...many('error', 15), ...many('warning', 3, 100), ...many('notice', 2, 200)],
        },
      }),
    );
    expect(perLevel(annotations, 'error')).toBe(10);
    expect(perLevel(annotations, 'warning')).toBe(3);
    expect(perLevel(annotations, 'notice')).toBe(3);
    const last = annotations.at(-1);
    expect(last?.level).toBe('notice');
    expect(last?.title).toBe('backlog-lint: 5 more findings');
    expect(last?.message).toContain('5 more findings not shown');
    expect(last?.message).toContain('job summary');
    // The first ten errors are the ones shown.
    expect(annotations.slice(0, 10).map((a) => a.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `#${i + 1} owner-required`),
    );
  });

  it('gives up the last notice slot when notices overflow too', () => {
    const annotations = buildAnnotations(
      model({
        result: {
          findings: [...many('error', 15), ...many('warning', 12, 100), ...many('notice', 12, 200)],
        },
      }),
    );
    expect(perLevel(annotations, 'error')).toBe(10);
    expect(perLevel(annotations, 'warning')).toBe(10);
    expect(perLevel(annotations, 'notice')).toBe(10);
    expect(annotations.at(-1)).toMatchObject({
      level: 'notice',
      title: 'backlog-lint: 10 more findings',
    });
    expect(annotations.filter((a) => a.level === 'notice' && a.title.startsWith('#')).length).toBe(
      9,
    );
  });

  it('uses the lowest overflowed level when notices are full but did not overflow', () => {
    const annotations = buildAnnotations(
      model({ result: { findings: [...many('error', 15), ...many('notice', 10, 200)] } }),
    );
    expect(perLevel(annotations, 'error')).toBe(10);
    expect(perLevel(annotations, 'notice')).toBe(10);
    expect(annotations.at(-1)).toMatchObject({
      level: 'error',
      title: 'backlog-lint: 6 more findings',
    });
  });

  it('strips control characters from messages', () => {
    const [a] = buildAnnotations(
      model({
        result: { findings: [finding(1, 'owner-unknown', 'warning', 'bad\u001B[2J\nlogin')] },
      }),
    );
    expect(a?.message).toBe('bad login');
  });
});
