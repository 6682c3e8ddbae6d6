// The rate-limit budget: the run's cost summed from each query's `rateLimit`, and the plan of
// a backlog read measured against what remains before the reset.
import { describe, expect, it } from 'vitest';
import {
  budgetStopReason,
  budgetWarning,
  CostMeter,
  planBacklogRead,
  readRateLimit,
} from '../../src/github/index.js';

const RESET = '2026-12-02T19:00:00Z';

describe('planBacklogRead', () => {
  it('a backlog the budget covers: every page, not short', () => {
    // 50,000 issues at 2 points a page: 500 pages, 1,000 points; 998 left after page 1.
    const plan = planBacklogRead({
      total: 50_000,
      pageSize: 100,
      first: { cost: 2, remaining: 998, resetAt: RESET },
    });
    expect(plan).toEqual({
      total: 50_000,
      pageSize: 100,
      pages: 500,
      costPerPage: 2,
      reserve: 0,
      estimatedPoints: 1000,
      remainingBefore: 1000,
      resetAt: RESET,
      pagesAllowed: 500,
      short: false,
    });
  });

  it('one point short: the last page is not read', () => {
    const plan = planBacklogRead({
      total: 50_000,
      pageSize: 100,
      first: { cost: 2, remaining: 997, resetAt: RESET },
    });
    expect(plan).toMatchObject({ pages: 500, estimatedPoints: 1000, remainingBefore: 999 });
    expect(plan).toMatchObject({ pagesAllowed: 499, short: true });
  });

  it('pages are rounded up; the first page is always read', () => {
    expect(
      planBacklogRead({
        total: 450,
        pageSize: 100,
        first: { cost: 2, remaining: 4, resetAt: RESET },
      }),
    ).toMatchObject({
      pages: 5,
      estimatedPoints: 10,
      remainingBefore: 6,
      pagesAllowed: 3,
      short: true,
    });
    expect(
      planBacklogRead({
        total: 450,
        pageSize: 100,
        first: { cost: 2, remaining: 0, resetAt: RESET },
      }),
    ).toMatchObject({ pages: 5, pagesAllowed: 1, short: true });
    expect(
      planBacklogRead({
        total: 0,
        pageSize: 100,
        first: { cost: 1, remaining: 0, resetAt: RESET },
      }),
    ).toMatchObject({ pages: 1, estimatedPoints: 1, pagesAllowed: 1, short: false });
  });

  it('keeps points in reserve for after the read: a budget that covers the pages only is short', () => {
    const first = { cost: 2, remaining: 998, resetAt: RESET };
    expect(planBacklogRead({ total: 50_000, pageSize: 100, first, reserve: 1 })).toMatchObject({
      pages: 500,
      estimatedPoints: 1001,
      pagesAllowed: 499,
      short: true,
    });
    expect(
      planBacklogRead({
        total: 50_000,
        pageSize: 100,
        first: { ...first, remaining: 999 },
        reserve: 1,
      }),
    ).toMatchObject({ pagesAllowed: 500, short: false });
    // One page, read already, and nothing left for after it: short, though every page is in.
    const one = planBacklogRead({
      total: 40,
      pageSize: 100,
      first: { cost: 1, remaining: 0, resetAt: RESET },
      reserve: 1,
    });
    expect(one).toMatchObject({ pages: 1, pagesAllowed: 1, short: true });
    expect(budgetStopReason(one, 40)).toBe(
      'The GraphQL rate-limit budget ran short: 1 of 1 pages read (40 of 40 issues); the rest needs about 1 more points and 0 remain until the reset at 2026-12-02T19:00:00Z',
    );
    expect(budgetWarning(one)).toContain('need about 2 points (1 pages × 1 + 1 after the read)');
  });

  it('a query that cost nothing (a server without limits) never stops the read', () => {
    expect(
      planBacklogRead({
        total: 9_999,
        pageSize: 100,
        first: { cost: 0, remaining: 0, resetAt: RESET },
      }),
    ).toMatchObject({ pages: 100, estimatedPoints: 0, pagesAllowed: 100, short: false });
  });

  it('says the numbers up front, and why the report is incomplete', () => {
    const plan = planBacklogRead({
      total: 450,
      pageSize: 100,
      first: { cost: 2, remaining: 4, resetAt: RESET },
    });
    expect(budgetWarning(plan)).toBe(
      'The GraphQL rate-limit budget does not cover this backlog: 450 open issues need about 10 points (5 pages × 2) and 6 remain until the reset at 2026-12-02T19:00:00Z. Reading the first 3 page(s) (300 issues) only: the report will be incomplete and nothing is written to GitHub.',
    );
    expect(budgetStopReason(plan, 300)).toBe(
      'The GraphQL rate-limit budget ran short: 3 of 5 pages read (300 of 450 issues); the rest needs about 4 more points and 0 remain until the reset at 2026-12-02T19:00:00Z',
    );
  });
});

describe('CostMeter', () => {
  it('sums the points of the queries and keeps the last remaining and reset', () => {
    const meter = new CostMeter();
    expect(meter.total()).toBeNull();
    meter.record({ rateLimit: { cost: 2, remaining: 998, resetAt: RESET }, repository: {} });
    meter.record({ repository: {} }); // a query without rateLimit (never ours): not counted
    meter.record(null);
    meter.record({ rateLimit: { cost: 1, remaining: 997, resetAt: RESET } });
    expect(meter.total()).toEqual({ points: 3, requests: 2, remaining: 997, resetAt: RESET });
  });

  it('ignores a malformed rateLimit: only numbers and a timestamp reach the reports', () => {
    expect(readRateLimit({ rateLimit: null })).toBeNull();
    expect(readRateLimit({ rateLimit: { cost: '2', remaining: 1, resetAt: RESET } })).toBeNull();
    expect(
      readRateLimit({
        rateLimit: { cost: 2, remaining: 1, resetAt: '<img src=x onerror=alert(1)>' },
      }),
    ).toBeNull();
    expect(
      readRateLimit({ rateLimit: { cost: 2, remaining: 1, resetAt: '2026-12-02T19:00:00.123Z' } }),
    ).toEqual({ cost: 2, remaining: 1, resetAt: '2026-12-02T19:00:00.123Z' });
  });
});
