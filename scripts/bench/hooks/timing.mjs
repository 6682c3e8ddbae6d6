// Preloaded with `node --import` into the action's process: records when Node handed over to
// user code, when the first HTTP request was started (global fetch, which Octokit uses in
// backlog runs, or node:http, which issue and pull-request events use: src/github/http-fetch.ts), with
// BENCH_PROFILE=1 a CPU profile of everything between the two, and with BENCH_FETCH_LOG=1
// when each fetch() was called, when its response headers arrived and when its body was read
// (the round trip as the action sees it; what is left between two requests is the action's
// own work). Writes JSON to BENCH_HOOK_OUT at exit.
import diagnosticsChannel from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const out = process.env.BENCH_HOOK_OUT;
const record = {
  timeOrigin: performance.timeOrigin,
  bootMs: performance.now(),
  firstFetchMs: null,
  fetches: [],
};
const logFetches = process.env.BENCH_FETCH_LOG === '1';
let session = null;
let profile = null;

if (process.env.BENCH_PROFILE === '1') {
  session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 100 });
  session.post('Profiler.start');
}

function firstRequest() {
  if (record.firstFetchMs !== null) return;
  record.firstFetchMs = performance.now();
  if (session) {
    session.post('Profiler.stop', (err, res) => {
      if (!err) profile = res.profile;
    });
    session.disconnect();
    session = null;
  }
}

// A request made with node:http(s), as the action makes them (src/github/http-fetch.ts): Node
// publishes its start, and the arrival of its response headers, on these channels.
const httpEntries = new WeakMap();
diagnosticsChannel.subscribe('http.client.request.start', ({ request }) => {
  firstRequest();
  if (!logFetches) return;
  const entry = { calledMs: performance.now(), answeredMs: null, bodyMs: null };
  record.fetches.push(entry);
  httpEntries.set(request, entry);
});
diagnosticsChannel.subscribe('http.client.response.finish', ({ request, response }) => {
  const entry = httpEntries.get(request);
  if (!entry) return;
  entry.answeredMs = performance.now();
  response.once('end', () => (entry.bodyMs ??= performance.now()));
});

const realFetch = globalThis.fetch;
globalThis.fetch = function benchFetch(...args) {
  firstRequest();
  const entry = { calledMs: performance.now(), answeredMs: null, bodyMs: null };
  const promise = realFetch.apply(this, args);
  if (!logFetches) return promise;
  record.fetches.push(entry);
  return promise.then(
    (res) => {
      entry.answeredMs = performance.now();
      for (const m of ['text', 'json', 'arrayBuffer', 'blob']) {
        const read = res[m];
        if (typeof read !== 'function') continue;
        res[m] = function (...a) {
          return read.apply(this, a).finally(() => (entry.bodyMs ??= performance.now()));
        };
      }
      return res;
    },
    (err) => {
      entry.answeredMs = performance.now();
      throw err;
    },
  );
};

process.on('exit', () => {
  if (out) writeFileSync(out, JSON.stringify({ ...record, profile }));
});
