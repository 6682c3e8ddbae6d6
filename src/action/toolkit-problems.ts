// @actions/cache reports its own failures as workflow annotations (`core.warning("Failed to
// restore: …")`, `core.error(…)` for a 5xx) and then returns as if nothing was there: a run
// would show a bare, untitled warning — or a red error for a cache hiccup the run survives —
// beside its own, outside its annotation budget, while its summary gave a wrong reason ("no
// snapshot"). While a toolkit call runs, the warning and error commands it writes to stdout
// are taken instead, and become the store's problem, which the run says once, in its words.
// So is the one failure it logs as a plain line: a reservation refused because another job
// may be saving the same key (`core.info("Failed to save: Unable to reserve cache …")`).
// The action's own annotations are never written during such a call: the run awaits it.

/** What a toolkit call returned or threw, and the problems it would have printed. */
export interface Captured<T> {
  value?: T;
  thrown?: unknown;
  problems: string[];
}

const COMMAND = /^::(warning|error)::(.*)$/;
const FAILURE_LINE = /^Failed to save: (.*)$/s;
/** Prefixes the toolkit puts before the error it caught; the run's own words replace them. */
const TOOLKIT_PREFIX = /^(?:Failed to (?:restore|save)|Cache reservation failed): /;

// One interceptor for all calls in flight (in-process tests run several runs at once): each
// capture receives the commands written while it is open.
const sinks = new Set<string[]>();
let original: typeof process.stdout.write | null = null;

function install(): void {
  const write = process.stdout.write;
  original = write;
  process.stdout.write = function (
    this: typeof process.stdout,
    chunk: unknown,
    ...rest: unknown[]
  ) {
    if (typeof chunk === 'string') {
      const m = COMMAND.exec(chunk.trimEnd());
      if (m) {
        const text = unescapeCommand(m[2] ?? '').replace(TOOLKIT_PREFIX, '');
        for (const sink of sinks) sink.push(text);
        return true;
      }
      const failure = FAILURE_LINE.exec(chunk.trimEnd());
      if (failure) {
        for (const sink of sinks) sink.push(failure[1] ?? '');
        return true;
      }
    }
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stdout.write;
}

/** A workflow command's data as @actions/core escapes it (`%`, CR, LF), read back. */
function unescapeCommand(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** Runs a toolkit call with its warning and error annotations taken as `problems`. */
export async function captureToolkitProblems<T>(call: () => Promise<T>): Promise<Captured<T>> {
  const problems: string[] = [];
  if (sinks.size === 0) install();
  sinks.add(problems);
  try {
    return { value: await call(), problems };
  } catch (thrown) {
    return { thrown, problems };
  } finally {
    sinks.delete(problems);
    if (sinks.size === 0 && original) {
      process.stdout.write = original;
      original = null;
    }
  }
}
