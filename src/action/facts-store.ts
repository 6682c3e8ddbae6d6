// Where the snapshot of the last complete backlog read is kept between runs: the Actions cache
// (@actions/cache, the standard store; actions/stale keeps its state the same way). The
// package (with @actions/core, @actions/http-client and @actions/exec behind it) is imported
// on first use, so runs that do not read the backlog incrementally (issue events above all)
// never load it.
//
// Cache entries are immutable and found by key prefix, newest first: each run saves under a
// key of its own (`backlog-lint-snapshot-v1-<owner/name>-<digest>-<run id>-<attempt>`), and
// restores the newest entry of the same digest, else the newest of the repository (whose
// digest then says why it cannot be used). The cache is scoped by GitHub to the branch (and
// the default branch's entries are readable from every branch), and entries unused for 7 days
// are evicted: a missing snapshot is a full read, never a failure.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../github/index.js';
import { captureToolkitProblems } from './toolkit-problems.js';
import {
  decodeSnapshot,
  encodeSnapshot,
  SnapshotError,
  type Snapshot,
} from '../incremental/index.js';

export interface RestoreOutcome {
  snapshot: Snapshot | null;
  /** Why there is no snapshot (said as the reason of the full read). */
  problem?: string;
  /** The cache key the snapshot came from. */
  key?: string;
  /** The store failed (not merely empty): worth a warning, not only the full read's reason. */
  failed?: true;
  /** No cache service in this environment: nothing can be saved either. */
  unavailable?: true;
}

export interface SaveOutcome {
  saved: boolean;
  /** No cache service in this environment: nothing was attempted (not a failure to warn of). */
  unavailable?: true;
  key?: string;
  problem?: string;
}

/** Keeps one snapshot between runs. Neither method throws: a store that fails is a full read. */
export interface FactsStore {
  restore(): Promise<RestoreOutcome>;
  save(snapshot: Snapshot): Promise<SaveOutcome>;
}

const SNAPSHOT_FILE = 'snapshot.json.gz';
const KEY_PREFIX = 'backlog-lint-snapshot-v1-';
const NO_SERVICE =
  'the Actions cache service is not available to this step: no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL';

type CacheModule = typeof import('@actions/cache');

/** The toolkit's problems as one reason (it may say a thing twice: as it fails, and caught). */
const said = (problems: string[]): string => [...new Set(problems)].join('; ');

let loading: Promise<CacheModule> | undefined;

/** @actions/cache (a chunk of its own in the bundle, with @actions/core, http-client, exec). */
function loadCache(): Promise<CacheModule> {
  loading ??= import('@actions/cache');
  return loading;
}

/**
 * The Actions cache as a `FactsStore`. `dir` holds the snapshot file while the toolkit packs
 * or unpacks it; it must be the same path from run to run (it is part of the cache version):
 * `$RUNNER_TEMP/backlog-lint-snapshot`.
 */
export function actionsCacheStore(opts: {
  repository: string;
  digest: string;
  runId: string;
  runAttempt: string;
  dir: string;
  /**
   * Whether the step has a cache service at all (ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL):
   * without one, @actions/cache (a ~670 KB chunk, with undici in another) is not even loaded.
   */
  serviceConfigured: boolean;
}): FactsStore {
  const repoPrefix = `${KEY_PREFIX}${opts.repository.toLowerCase()}-`;
  const digestPrefix = `${repoPrefix}${opts.digest}-`;
  const file = path.join(opts.dir, SNAPSHOT_FILE);
  return {
    async restore(): Promise<RestoreOutcome> {
      if (!opts.serviceConfigured)
        return { snapshot: null, problem: NO_SERVICE, unavailable: true };
      let cache: CacheModule;
      try {
        cache = await loadCache();
      } catch (err) {
        return { snapshot: null, problem: `the cache client could not load: ${errorMessage(err)}` };
      }
      if (!cache.isFeatureAvailable())
        return { snapshot: null, problem: NO_SERVICE, unavailable: true };
      rmSync(file, { force: true });
      // No exact key: the digest prefix as a restore key finds the newest entry of this digest.
      // The toolkit catches its own failures, prints them and returns no key: taken as ours.
      const restored = await captureToolkitProblems(() =>
        cache.restoreCache([opts.dir], digestPrefix, [digestPrefix, repoPrefix]),
      );
      const failure =
        restored.thrown !== undefined ? errorMessage(restored.thrown) : said(restored.problems);
      if (failure && !restored.value)
        return {
          snapshot: null,
          problem: `the Actions cache could not be read: ${failure}`,
          failed: true,
        };
      const key = restored.value;
      if (!key) return { snapshot: null, problem: 'no snapshot of an earlier complete run' };
      try {
        return { snapshot: decodeSnapshot(readFileSync(file)), key };
      } catch (err) {
        const why =
          err instanceof SnapshotError || (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? errorMessage(err)
            : `unreadable: ${errorMessage(err)}`;
        return {
          snapshot: null,
          problem: `the cached snapshot ${key} cannot be used: ${why}`,
          key,
        };
      }
    },

    async save(snapshot: Snapshot): Promise<SaveOutcome> {
      const key = `${digestPrefix}${opts.runId}-${opts.runAttempt}`;
      try {
        const cache = opts.serviceConfigured ? await loadCache() : null;
        if (!cache?.isFeatureAvailable()) return { saved: false, unavailable: true };
        mkdirSync(opts.dir, { recursive: true });
        writeFileSync(file, encodeSnapshot(snapshot));
        // -1: the toolkit could not save (what it would have printed says why); an existing
        // key is one too.
        const saved = await captureToolkitProblems(() => cache.saveCache([opts.dir], key));
        if (saved.thrown !== undefined) throw saved.thrown;
        return saved.value === -1
          ? {
              saved: false,
              key,
              problem: said(saved.problems) || 'the Actions cache refused or failed the upload',
            }
          : { saved: true, key };
      } catch (err) {
        return { saved: false, key, problem: errorMessage(err) };
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}
