// Logger adaptation: the client accepts `@actions/core`-style and Octokit-style loggers and
// uses two levels of its own; Octokit's internal logging is mapped onto them.

/**
 * Where the client reports rate-limit waits and retries, and request traces (debug).
 * Accepts `@actions/core`-style (`warning`) and Octokit-style (`warn`, `error`) objects.
 * Waits go to `info` when given, else to `warning` / `warn`: in an Action a warning is an
 * annotation, and annotations are best kept for findings (10 per level are shown).
 */
export interface Logger {
  debug?: (message: string) => unknown;
  info?: (message: string) => unknown;
  warning?: (message: string) => unknown;
  warn?: (message: string) => unknown;
  /** Accepted for convenience; not used (failures are thrown, not logged). */
  error?: (message: string) => unknown;
}

/** The logger as the client uses it. */
export interface ClientLog {
  debug(message: string): void;
  info(message: string): void;
}

export function clientLog(log: Logger | undefined): ClientLog {
  const infoKey = log?.info ? 'info' : log?.warning ? 'warning' : log?.warn ? 'warn' : null;
  return {
    debug: (m) => void log?.debug?.(m),
    info: (m) => void (infoKey && log?.[infoKey]?.(m)),
  };
}

/**
 * Octokit's own `log` option: its request lines at debug level; `debug` (which dumps
 * request options) and `error` (every 404 of an expected miss) are dropped. The token is
 * never logged.
 */
export function octokitLog(log: ClientLog): {
  debug: (m: string) => void;
  info: (m: string) => void;
  warn: (m: string) => void;
  error: (m: string) => void;
} {
  return {
    debug: () => undefined,
    info: (m) => log.debug(m),
    warn: (m) => log.info(m),
    error: () => undefined,
  };
}
