// Sub-issue relations among the issues of a run: for each parent, how many of its sub-issues
// were given and which roles own them. Only links within the repository count: an issue of
// another repository (a pull request's linked issue) shares numbers with nothing here.
import type { RelatedView } from '../rules/rule.js';
import type { IssueFacts } from '../types.js';

const NONE = Object.freeze({ seen: 0, owners: Object.freeze([]) as readonly string[] });

export class SubIssueRelations implements RelatedView {
  private readonly children = new Map<number, { seen: number; owners: string[] }>();

  record(issue: IssueFacts, ownerRole: string | null): void {
    if (issue.parent === undefined || issue.parent === null || issue.repository !== undefined) {
      return;
    }
    let entry = this.children.get(issue.parent);
    if (!entry) this.children.set(issue.parent, (entry = { seen: 0, owners: [] }));
    entry.seen++;
    if (ownerRole !== null && !entry.owners.includes(ownerRole)) entry.owners.push(ownerRole);
  }

  childrenOf(number: number): { seen: number; owners: readonly string[] } {
    return this.children.get(number) ?? NONE;
  }
}
