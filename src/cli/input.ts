// Reading `--input FILE.json` (or `-` for standard input) and guessing which repository the
// export came from, for the report's links and title.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readIssuesJson } from '../issues/index.js';
import type { IssueFacts } from '../types.js';

/** An input problem: the message names the file; main() prints it and exits 2. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

export interface InputIssues {
  issues: IssueFacts[];
  skipped: { item: string; reason: string }[];
  /** owner/name when the export says (issue urls or REST `repository_url`), else null. */
  repository: string | null;
  /** Origin of the issue urls (https://github.com, or a GHES host), else null. */
  serverUrl: string | null;
}

async function readAll(stdin: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readError(file: string, err: unknown): InputFileError {
  const code = (err as { code?: string }).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory, not a JSON file'
        : code === 'EACCES'
          ? 'permission denied'
          : err instanceof Error
            ? err.message
            : String(err);
  return new InputFileError(`cannot read input file ${file}: ${why}`);
}

/** `https://github.com/acme/rocket/issues/7` → { server: https://github.com, repo: acme/rocket }. */
export function repoFromHtmlUrl(url: string): { server: string; repo: string } | null {
  try {
    const u = new URL(url);
    const m = /^\/([^/]+)\/([^/]+)\/(?:issues|pull)\/\d+\/?$/.exec(u.pathname);
    if (!m || !m[1] || !m[2] || !/^https?:$/.test(u.protocol)) return null;
    return { server: u.origin, repo: `${m[1]}/${m[2]}` };
  } catch {
    return null;
  }
}

/** REST `repository_url` (`https://api.github.com/repos/acme/rocket`) → acme/rocket. */
export function repoFromApiUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  const m = /\/repos\/([^/]+)\/([^/]+?)\/?$/.exec(url);
  return m && m[1] && m[2] ? `${m[1]}/${m[2]}` : null;
}

function detectRepository(
  issues: IssueFacts[],
  repositoryUrl: string | undefined,
): Pick<InputIssues, 'repository' | 'serverUrl'> {
  for (const issue of issues) {
    if (issue.url === '') continue;
    const found = repoFromHtmlUrl(issue.url);
    if (found) return { repository: found.repo, serverUrl: found.server };
  }
  // No html urls (a hand-made export): REST objects may still carry repository_url.
  return { repository: repoFromApiUrl(repositoryUrl), serverUrl: null };
}

export async function readInputIssues(
  file: string,
  cwd: string,
  stdin: AsyncIterable<string | Uint8Array> | undefined,
): Promise<InputIssues> {
  const name = file === '-' ? '<stdin>' : file;
  let text: string;
  try {
    if (file === '-') {
      if (!stdin) throw new Error('standard input is not available');
      text = await readAll(stdin);
    } else {
      text = readFileSync(resolve(cwd, file), 'utf8');
    }
  } catch (err) {
    throw readError(name, err);
  }
  let parsed: ReturnType<typeof readIssuesJson>;
  try {
    parsed = readIssuesJson(text, name);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new InputFileError(msg.includes(name) ? msg : `${name}: ${msg}`);
  }
  return {
    issues: parsed.issues,
    skipped: parsed.skipped,
    ...detectRepository(parsed.issues, parsed.repositoryUrl),
  };
}
