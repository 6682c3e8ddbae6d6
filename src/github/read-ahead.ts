// Read-ahead: a caller starts a read and is told once its request is on the wire, so its
// own synchronous work runs while the request travels rather than before it leaves.
import diagnosticsChannel from 'node:diagnostics_channel';
import { HTTP_BODY_SENT } from './http-fetch.js';

// undici — Node's fetch, and the npm undici of the proxy path — publishes this once a
// request's headers and body are written to its socket. Waiting for it, rather than for a
// turn of the event loop, is what keeps a caller's synchronous work from holding the request
// back: on Node 24 the write takes several turns (a connection, a pool, a queue).
// http-fetch.ts (the action's fetch over node:http) publishes its own channel for it.
const BODY_SENT = ['undici:request:bodySent', HTTP_BODY_SENT];

export interface ReadAhead {
  /**
   * Called by the request policy as an attempt starts: returns the function to call when
   * the attempt settles (or null when nobody waits).
   */
  attemptStarted(): (() => void) | null;
  readAhead<T>(start: () => Promise<T>): Promise<{ pending: Promise<T> }>;
}

export function createReadAhead(): ReadAhead {
  const waiters: (() => void)[] = [];
  return {
    attemptStarted: () => (waiters.length ? tellWhenWritten(waiters.splice(0)) : null),
    readAhead: async <T>(start: () => Promise<T>) => {
      const sent = new Promise<void>((resolve) => waiters.push(resolve));
      const pending = start();
      await Promise.race([sent, pending.then(noop, noop)]);
      return { pending };
    },
  };
}

const noop = (): void => undefined;

// The tells waiting for the next write. The channels are subscribed once, for the process:
// subscribing and unsubscribing at every attempt (100 per 10,000-issue backlog run) switched
// each channel between its active and inactive prototype every time (node:diagnostics_channel).
const waiting = new Set<() => void>();
let subscribed = false;
const onWritten = (): void => {
  for (const tell of [...waiting]) tell();
};

/**
 * Resolves `waiters` when the next request is written (the client's requests are serial, so
 * that is this attempt) or when the returned function is called (the attempt settled without
 * a write, e.g. a connection error), whichever comes first.
 */
function tellWhenWritten(waiters: (() => void)[]): () => void {
  const tell = () => {
    if (!waiting.delete(tell)) return;
    for (const resolve of waiters) resolve();
  };
  waiting.add(tell);
  if (!subscribed) {
    subscribed = true;
    for (const name of BODY_SENT) diagnosticsChannel.subscribe(name, onWritten);
  }
  return tell;
}
