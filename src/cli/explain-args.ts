// `backlog-lint explain N (--input FILE | --repo OWNER/NAME) [--config PATH] [--format text|json]`:
// parsed apart from the lint flags so the main parser stays as it is.
import { parseArgs } from 'node:util';
import { UsageError } from './args.js';

export interface ExplainCommand {
  kind: 'explain';
  issue: number;
  source: { kind: 'file'; file: string } | { kind: 'repo'; owner: string; repo: string };
  config: string | null;
  format: 'text' | 'json';
  today: string | null;
}

export const EXPLAIN_USAGE =
  'backlog-lint explain N (--input FILE.json | --repo OWNER/NAME) [--config PATH] [--format text|json]';

const REPO_RE = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/;

export function parseExplainArgs(argv: string[]): ExplainCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        repo: { type: 'string', short: 'r' },
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        today: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    throw new UsageError(`explain: ${message}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError(`explain takes one issue number (${EXPLAIN_USAGE})`);
  }
  const raw = (positionals[0] ?? '').replace(/^#/, '');
  const issue = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(issue) || issue <= 0) {
    throw new UsageError(`explain: '${positionals[0] ?? ''}' is not an issue number`);
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`--format: '${format}' is not allowed for explain; use text or json`);
  }
  const shape: ExplainCommand['format'] = format;
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    throw new UsageError(`--today: '${values.today}' is not a date written YYYY-MM-DD`);
  }
  const config = values.config ?? null;
  const common = {
    kind: 'explain' as const,
    issue,
    config,
    format: shape,
    today: values.today ?? null,
  };
  if (values.input !== undefined && values.repo !== undefined) {
    throw new UsageError('use either --input or --repo, not both');
  }
  if (values.input !== undefined) {
    if (values.input.trim() === '') throw new UsageError('--input: the path is empty');
    return { ...common, source: { kind: 'file', file: values.input } };
  }
  if (values.repo !== undefined) {
    const m = REPO_RE.exec(values.repo.trim());
    if (!m || !m[1] || !m[2]) {
      throw new UsageError(`--repo: '${values.repo}' is not OWNER/NAME (e.g. --repo acme/rocket)`);
    }
    return { ...common, source: { kind: 'repo', owner: m[1], repo: m[2] } };
  }
  throw new UsageError(`explain needs --input FILE.json or --repo OWNER/NAME (${EXPLAIN_USAGE})`);
}
