// Targets: a backlog of N open issues is read in ceil(N/100) requests however many pull
// requests the repository has, plus one per configured team; requests are serial; reads follow
// each other back to back; wall time ≤ 1.2 × (pages × round trip) + 1 s.
import path from 'node:path';
import { startEmulator, type RequestRecord } from '../../tests/emulator/index.js';
import type { Context } from './context.js';
import { readsIssues, requestMix } from './context.js';
import { BACKLOG_CONFIG, BACKLOG_TEAMS, seedRealisticBacklog } from './data.js';
import {
  assertCompleted,
  fmtInt,
  fmtMs,
  HOOKS_DIR,
  makeWorkspace,
  median,
  resetLog,
  round,
  runScheduled,
  sum,
  takeJson,
} from './harness.js';
import type { Row, Section } from './report.js';

/** Gaps between the answer to one request and the arrival of the next, as the server saw them. */
export function gapsBetween(reqs: RequestRecord[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < reqs.length; i++) {
    const prev = reqs[i - 1];
    const cur = reqs[i];
    if (prev && cur) out.push(cur.at - (prev.at + prev.durationMs));
  }
  return out;
}

interface FetchLog {
  calledMs: number;
  answeredMs: number | null;
  bodyMs: number | null;
}

/** Largest gap between consecutive reads that still counts as "back to back". */
export const MAX_READ_GAP_MS = 250;

export async function backlog(ctx: Context): Promise<Section> {
  const sizes = ctx.opts.quick
    ? [{ open: 1000, prs: 3000 }]
    : [
        { open: 1000, prs: 3000 },
        { open: 10000, prs: 2000 },
      ];
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  for (const { open, prs } of sizes) {
    const emu = await startEmulator({ latencyMs: ctx.opts.latencyMs, checkResponses: false });
    const ws = makeWorkspace(BACKLOG_CONFIG);
    try {
      seedRealisticBacklog(emu, open, prs);
      resetLog(emu);
      ctx.log(`  N=${fmtInt(open)} open issues, ${fmtInt(prs)} PRs, ${fmtInt(open / 5)} closed`);
      // The preloaded hook only notes when each fetch() is called and answered (µs of work).
      const hookOut = path.join(ws.dir, 'fetches.json');
      const r = await runScheduled({
        emu,
        bundle: ctx.bundle,
        ws,
        nodeArgs: ['--import', path.join(HOOKS_DIR, 'timing.mjs')],
        env: { BENCH_HOOK_OUT: hookOut, BENCH_FETCH_LOG: '1' },
      });
      assertCompleted(r, `backlog N=${open}`);
      // The hook's fetch log lines up with the emulator's request log (same requests, same
      // order) unless a request never reached the emulator; then only the emulator's view is used.
      const logged = takeJson<{ fetches: FetchLog[] }>(hookOut)?.fetches ?? [];
      const fetches = logged.length === emu.requests.length ? logged : [];
      const reads = emu.requests.filter(readsIssues);
      const pages = reads.length;
      const expectedPages = Math.ceil(open / 100);
      const teamRequests = emu.count({ route: '/orgs/{org}/teams/{team_slug}/members' });
      const total = emu.requests.length;
      const writes = emu.writes().length;

      // Round trip of each page read, two ways: as the emulator timed it (arrival to answer
      // computed, latency included) and as the action saw it (fetch() called to body read:
      // adds the emulator's serialisation and the transfer). The action's own work is what
      // is left between reading one answer and calling fetch() for the next page.
      const serverRtts = reads.map((q) => q.durationMs);
      const readIdx = emu.requests.map((q) => readsIssues(q));
      const clientRtts: number[] = [];
      const ownGaps: number[] = [];
      fetches.forEach((f, i) => {
        const done = f.bodyMs ?? f.answeredMs;
        if (!readIdx[i] || done == null) return;
        clientRtts.push(done - f.calledMs);
        const next = fetches[i + 1];
        if (next && readIdx[i + 1]) ownGaps.push(next.calledMs - done);
      });
      const haveClient = clientRtts.length === pages;
      const rtts = haveClient ? clientRtts : serverRtts;
      const rttMean = sum(rtts) / Math.max(1, pages);
      const bound = 1.2 * sum(rtts) + 1000;
      const nominalBound = 1.2 * pages * ctx.opts.latencyMs + 1000;
      const readGaps = gapsBetween(reads);
      const maxGap = readGaps.length ? Math.max(...readGaps) : 0;
      const firstRequestMs = (emu.requests[0]?.at ?? r.spawnAt) - r.spawnAt;
      const last = emu.requests.at(-1);
      const afterLastMs = last ? r.spawnAt + r.wallMs - (last.at + last.durationMs) : 0;
      const rttStats = (xs: number[]) => ({
        mean: round(sum(xs) / Math.max(1, xs.length)),
        median: round(median(xs)),
        min: round(Math.min(...xs)),
        max: round(Math.max(...xs)),
      });
      const d = {
        open,
        pullRequests: prs,
        closed: open / 5,
        issuesChecked: Number(r.outputs['issues-checked']),
        exitCode: r.code,
        requests: requestMix(emu),
        pages,
        expectedPages,
        teamRequests,
        total,
        writes,
        maxInFlight: emu.stats.maxInFlight,
        latencyMs: ctx.opts.latencyMs,
        pageRoundTripMs: {
          emulator: rttStats(serverRtts),
          action: haveClient ? rttStats(clientRtts) : null,
        },
        readGapsMs: { max: maxGap, median: median(readGaps), all: readGaps },
        actionWorkBetweenPagesMs: {
          median: round(median(ownGaps)),
          max: round(ownGaps.length ? Math.max(...ownGaps) : NaN),
          sum: round(sum(ownGaps)),
        },
        wallMs: r.wallMs,
        spawnToFirstRequestMs: firstRequestMs,
        lastAnswerToExitMs: afterLastMs,
        boundMs: round(bound),
        nominalBoundMs: round(nominalBound),
        summaryBytes: r.summaryBytes,
        validationErrors: emu.validationErrors.slice(0, 5),
      };
      details[`N=${open}`] = d;
      const tag = `Backlog N=${fmtInt(open)} (+${fmtInt(prs)} PRs)`;
      rows.push(
        {
          id: `backlog.${open}.reads`,
          target: `${tag}: requests to read issues`,
          measured: `${pages}`,
          limit: `≤ ${expectedPages} (ceil(N/100))`,
          pass: pages <= expectedPages,
          value: pages,
          unit: 'requests',
        },
        {
          id: `backlog.${open}.total`,
          target: `${tag}: requests in all`,
          measured: `${total} (${pages} reads + ${teamRequests} team, ${writes} writes)`,
          limit: `≤ ${expectedPages + BACKLOG_TEAMS} (reads + ${BACKLOG_TEAMS} team; no writes asked)`,
          pass: total <= expectedPages + BACKLOG_TEAMS && writes === 0,
          value: total,
          unit: 'requests',
        },
        {
          id: `backlog.${open}.serial`,
          target: `${tag}: most requests in flight at once`,
          measured: `${emu.stats.maxInFlight}`,
          limit: '1 (serial)',
          pass: emu.stats.maxInFlight === 1,
          value: emu.stats.maxInFlight,
        },
        {
          id: `backlog.${open}.gaps`,
          target: `${tag}: gap from one read's answer to the next read`,
          measured: `max ${fmtMs(maxGap)}, median ${fmtMs(median(readGaps))} (of which the action's own work: median ${fmtMs(median(ownGaps))})`,
          limit: `< ${MAX_READ_GAP_MS} ms (back to back: no 1 s spacing)`,
          pass: maxGap < MAX_READ_GAP_MS,
          value: maxGap,
          unit: 'ms',
        },
        {
          id: `backlog.${open}.wall`,
          target: `${tag}: wall time, spawn to exit (emulator latency ${ctx.opts.latencyMs} ms; page round trip ${round(rttMean)} ms as the action saw it, ${round(sum(serverRtts) / Math.max(1, pages))} ms as the emulator timed it)`,
          measured: `${fmtMs(r.wallMs)}: first request at ${fmtMs(firstRequestMs)}, page round trips ${fmtMs(sum(rtts))}, the action's work between pages ${fmtMs(sum(ownGaps))}, ${fmtMs(afterLastMs)} after the last answer`,
          limit: `≤ 1.2 × ${pages} × ${round(rttMean)} ms + 1 s = ${fmtMs(bound)} (with the nominal ${ctx.opts.latencyMs} ms: ${fmtMs(nominalBound)})`,
          pass: r.wallMs <= bound,
          value: r.wallMs,
          unit: 'ms',
          details: d,
        },
      );
      ctx.log(
        `    ${pages} pages, ${total} requests, wall ${fmtMs(r.wallMs)} (bound ${fmtMs(bound)}), max read gap ${fmtMs(maxGap)}`,
      );
    } finally {
      ws.cleanup();
      await emu.stop();
    }
  }
  return { name: 'backlog', rows, details };
}
