/** A repository: `{ owner: 'acme', repo: 'widgets' }`. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export interface SkippedItem {
  item: string;
  reason: string;
}
