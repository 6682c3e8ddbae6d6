// The GraphQL rate-limit budget: what the run's queries cost and whether the backlog fits in
// what remains before the reset. Every query asks for `rateLimit { cost remaining resetAt }`
// (a plain object, not a connection: it adds nothing to the cost), so the accounting and the
// estimate use GitHub's own numbers, not a model of its formula (README "GraphQL cost").

import type { RunCost } from '../types.js';

export type { RunCost };

/** Selected at the root of every GraphQL query the action and the CLI send. */
export const RATE_LIMIT_SELECTION = 'rateLimit { cost remaining resetAt }';

/** One query's `rateLimit` answer. */
export interface RateLimitInfo {
  /** Points this query cost. */
  cost: number;
  /** Points left in the window after it. */
  remaining: number;
  /** When the window resets (ISO 8601). */
  resetAt: string;
}

/** The `rateLimit` of a query's `data`, or null when absent or malformed (GHES without limits). */
export function readRateLimit(data: unknown): RateLimitInfo | null {
  const rl = (data as { rateLimit?: unknown } | null | undefined)?.rateLimit as
    Partial<Record<keyof RateLimitInfo, unknown>> | null | undefined;
  if (!rl || typeof rl !== 'object') return null;
  const { cost, remaining, resetAt } = rl;
  // Numbers and a timestamp only: these reach the reports unescaped.
  if (
    typeof cost !== 'number' ||
    typeof remaining !== 'number' ||
    typeof resetAt !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(resetAt)
  )
    return null;
  return { cost, remaining, resetAt };
}

/** Sums the points of a run's GraphQL queries; keeps the last remaining / reset seen. */
export class CostMeter {
  private points = 0;
  private requests = 0;
  private last: RateLimitInfo | null = null;

  /** Records a query's `data` (its `rateLimit`); returns what it read. */
  record(data: unknown): RateLimitInfo | null {
    const rl = readRateLimit(data);
    if (!rl) return null;
    this.points += rl.cost;
    this.requests++;
    this.last = rl;
    return rl;
  }

  /** The run's cost so far; null when no query reported one. */
  total(): RunCost | null {
    if (!this.last) return null;
    return {
      points: this.points,
      requests: this.requests,
      remaining: this.last.remaining,
      resetAt: this.last.resetAt,
    };
  }
}

/** The backlog read measured against the budget, after its first page. */
export interface BacklogBudgetPlan {
  /** Open issues (`totalCount` of the first page). */
  total: number;
  pageSize: number;
  /** Pages of the whole read, the first included. */
  pages: number;
  /** The first page's cost: every page has the same shape. */
  costPerPage: number;
  /** Points the run needs after the read (e.g. 1 for the report issue's duplicates check). */
  reserve: number;
  /** The whole run: pages × cost per page + reserve. */
  estimatedPoints: number;
  /** Points there were before the first page (its cost + what remained after it). */
  remainingBefore: number;
  resetAt: string;
  /** Pages the budget allows, the first included (= `pages` when it fits). */
  pagesAllowed: number;
  /** True when the budget does not cover the whole run: the report will be incomplete. */
  short: boolean;
}

/**
 * Plans the backlog read from its first page: `total` issues in pages of `pageSize`, each
 * costing what the first did, plus `reserve` points needed after the read. When that is more
 * than what remains before the reset, only the pages the budget allows are read (at least
 * the first, which is in already).
 */
export function planBacklogRead(opts: {
  total: number;
  pageSize: number;
  first: RateLimitInfo;
  reserve?: number;
}): BacklogBudgetPlan {
  const { total, pageSize, first } = opts;
  const reserve = Math.max(0, opts.reserve ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const cost = Math.max(0, first.cost);
  const remaining = Math.max(0, first.remaining);
  const fits = (pages - 1) * cost + reserve <= remaining;
  const more = cost > 0 ? Math.floor(Math.max(0, remaining - reserve) / cost) : Infinity;
  return {
    total,
    pageSize,
    pages,
    costPerPage: cost,
    reserve,
    estimatedPoints: pages * cost + reserve,
    remainingBefore: remaining + cost,
    resetAt: first.resetAt,
    pagesAllowed: fits ? pages : Math.min(pages, 1 + more),
    short: !fits,
  };
}

function breakdown(plan: BacklogBudgetPlan): string {
  const after = plan.reserve > 0 ? ` + ${plan.reserve} after the read` : '';
  return `${plan.pages} pages × ${plan.costPerPage}${after}`;
}

/** The up-front warning of a read the budget cannot cover (one line, with the numbers). */
export function budgetWarning(plan: BacklogBudgetPlan): string {
  const readable = Math.min(plan.total, plan.pagesAllowed * plan.pageSize);
  return (
    `The GraphQL rate-limit budget does not cover this backlog: ${plan.total} open issues need ` +
    `about ${plan.estimatedPoints} points (${breakdown(plan)}) and ` +
    `${plan.remainingBefore} remain until the reset at ${plan.resetAt}. Reading the first ` +
    `${plan.pagesAllowed} page(s) (${readable} issues) only: the report will be incomplete ` +
    `and nothing is written to GitHub.`
  );
}

/** Why a run stopped for the budget (the report's `incompleteReason`; no final period). */
export function budgetStopReason(plan: BacklogBudgetPlan, issuesRead: number): string {
  const rest = (plan.pages - plan.pagesAllowed) * plan.costPerPage + plan.reserve;
  const left = plan.remainingBefore - plan.pagesAllowed * plan.costPerPage;
  return (
    `The GraphQL rate-limit budget ran short: ${plan.pagesAllowed} of ${plan.pages} pages read ` +
    `(${issuesRead} of ${plan.total} issues); the rest needs about ${rest} more points and ` +
    `${left} remain until the reset at ${plan.resetAt}`
  );
}
