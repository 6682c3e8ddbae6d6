// The one call lint-and-report.ts makes for backlog mode's issue source: the incremental source with the
// Actions cache as its store (input `incremental`, on by default), or the full read alone.
// After the run, `save()` on the answer stores the snapshot of a complete read.
import path from 'node:path';
import type { AnnotationProperties } from '@actions/core';
import type { Level, ResolvedConfig } from '../types.js';
import type { Collected } from './collect.js';
import { actionsCacheStore } from './facts-store.js';
import type { Env } from './environment.js';
import type { ActionInputs } from './inputs.js';
import { collectBacklog, runDigest, type BacklogRun } from './incremental.js';

export type { BacklogRun };

export async function backlogSource(
  source: Omit<Parameters<typeof collectBacklog>[0], 'store' | 'digest' | 'now' | 'storeWarn'>,
  ctx: {
    inputs: Pick<ActionInputs, 'incremental' | 'dryRun' | 'reportIssue'>;
    env: Pick<Env, 'now' | 'runId' | 'runAttempt' | 'runnerTemp' | 'cacheService'>;
    config: ResolvedConfig;
    annotate: (level: Level, message: string, props?: AnnotationProperties) => void;
  },
): Promise<BacklogRun & { collected: Collected }> {
  const repository = `${source.repo.owner}/${source.repo.repo}`;
  // The digest hashes the action's own files (~1.7 MB: ~3 ms of CPU): only a store that can
  // restore or save a snapshot uses it.
  const cacheable = ctx.inputs.incremental && ctx.env.cacheService;
  const digest = cacheable ? runDigest(ctx.config, ctx.inputs.reportIssue) : '';
  const store = ctx.inputs.incremental
    ? actionsCacheStore({
        repository,
        digest,
        runId: ctx.env.runId ?? String(ctx.env.now.getTime()),
        runAttempt: ctx.env.runAttempt,
        dir: path.join(ctx.env.runnerTemp, 'backlog-lint-snapshot'),
        serviceConfigured: ctx.env.cacheService,
      })
    : null;
  return collectBacklog({
    ...source,
    store,
    digest,
    now: ctx.env.now,
    noSave: ctx.inputs.dryRun ? 'dry-run: nothing is written' : undefined,
    storeWarn: (m) => ctx.annotate('warning', m, { title: 'backlog-lint: incremental run' }),
  });
}
