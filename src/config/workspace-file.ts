// The one way the action reads a file named by a user's input (`config-path`, relative
// `extends` entries, and the files of later inputs such as `baseline`): only inside the
// workspace (GITHUB_WORKSPACE), after every symbolic link is resolved; never an absolute
// path, never `..` out of it, never under `.git/`; only a regular file of at most
// MAX_WORKSPACE_FILE_BYTES, its size checked before it is read and the read itself capped.
// Errors name the path and the rule broken, never the file's content.
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import path from 'node:path';

/** Largest file read from the workspace (1 MiB). */
export const MAX_WORKSPACE_FILE_BYTES = 1024 * 1024;

/** A path that breaks a rule of the workspace; `hint` says what to do. */
export class WorkspaceFileError extends Error {
  constructor(
    /** The path as written (or relative to the workspace). */
    readonly file: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'WorkspaceFileError';
  }
}

export interface WorkspaceFile {
  /** Absolute path (symbolic links resolved). */
  abs: string;
  /** Relative to the workspace, `/`-separated. */
  rel: string;
  text: string;
}

export interface WorkspaceFileOptions {
  /** Directory a relative `ref` is resolved against (default: the workspace). */
  from?: string;
  maxBytes?: number;
  /** What the path is, for messages: "config-path", "extended file". */
  what?: string;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

function isInside(rel: string): boolean {
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function touchesGit(rel: string): boolean {
  return rel.split(/[\\/]/).some((s) => s.toLowerCase() === '.git');
}

/**
 * Where `ref` points inside the workspace, checked lexically (absolute paths, `..` escapes,
 * `.git/`). Does not touch the file system.
 */
export function workspacePath(
  workspace: string,
  ref: string,
  opts: WorkspaceFileOptions = {},
): { abs: string; rel: string } {
  const what = opts.what ?? 'path';
  if (ref.includes('\0'))
    throw new WorkspaceFileError(
      ref,
      `${what} \`${ref}\` contains a NUL character`,
      'fix the path',
    );
  if (path.isAbsolute(ref) || path.win32.isAbsolute(ref) || ref.startsWith('~')) {
    throw new WorkspaceFileError(
      ref,
      `${what} \`${ref}\` is an absolute path; only files inside the repository's workspace are read`,
      'give a path relative to the repository root (e.g. .github/backlog-lint.yml)',
    );
  }
  const root = path.resolve(workspace);
  const abs = path.resolve(opts.from ?? root, ref);
  const rel = path.relative(root, abs);
  if (!isInside(rel)) {
    throw new WorkspaceFileError(
      ref,
      `${what} \`${ref}\` points outside the workspace`,
      'keep the file inside the repository (no `..` out of it)',
    );
  }
  if (touchesGit(rel)) {
    throw new WorkspaceFileError(
      ref,
      `${what} \`${ref}\` is inside .git/, which is never read`,
      'keep the file in the repository tree, outside .git/',
    );
  }
  return { abs, rel: toPosix(rel) };
}

/**
 * Reads `ref` from the workspace under the rules above; null when nothing is there (the
 * caller decides what a missing file means). Throws `WorkspaceFileError` otherwise.
 */
export function readWorkspaceFile(
  workspace: string,
  ref: string,
  opts: WorkspaceFileOptions = {},
): WorkspaceFile | null {
  const what = opts.what ?? 'path';
  const max = opts.maxBytes ?? MAX_WORKSPACE_FILE_BYTES;
  const { abs, rel } = workspacePath(workspace, ref, opts);
  try {
    lstatSync(abs);
  } catch {
    return null;
  }
  let real: string;
  let rootReal: string;
  try {
    real = realpathSync(abs);
    rootReal = realpathSync(path.resolve(workspace));
  } catch {
    return null; // a dangling symbolic link: nothing to read
  }
  const realRel = path.relative(rootReal, real);
  if (!isInside(realRel) || touchesGit(realRel)) {
    throw new WorkspaceFileError(
      rel,
      `${what} \`${ref}\` resolves through a symbolic link to ${isInside(realRel) ? 'a file inside .git/' : 'a file outside the workspace'}, which is never read`,
      'point it at a regular file inside the repository',
    );
  }
  const tooLarge = (size: number | string): WorkspaceFileError =>
    new WorkspaceFileError(
      rel,
      `${what} \`${ref}\` is ${size} bytes; files larger than ${max} bytes (${Math.round(max / 1024)} KiB) are not read`,
      'keep the file small: split it, or drop what it does not need',
    );
  const notRegular = new WorkspaceFileError(
    rel,
    `${what} \`${ref}\` is not a regular file`,
    'point it at a YAML file, not a directory, device or pipe',
  );
  const st = statSync(real);
  if (!st.isFile()) throw notRegular;
  if (st.size > max) throw tooLarge(st.size);
  // The file may change between the checks and the read: check the open file again and
  // never read more than the cap.
  const fd = openSync(real, 'r');
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) throw notRegular;
    const buf = Buffer.alloc(Math.min(fst.size, max) + 1);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > max) throw tooLarge(`more than ${max}`);
    const text = buf.subarray(0, n).toString('utf8');
    return { abs: real, rel, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } finally {
    closeSync(fd);
  }
}
