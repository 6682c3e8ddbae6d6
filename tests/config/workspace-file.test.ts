import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_WORKSPACE_FILE_BYTES,
  readWorkspaceFile,
  workspacePath,
  WorkspaceFileError,
} from '../../src/config/workspace-file.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'workspace-file-'));
const ws = path.join(root, 'ws');
mkdirSync(path.join(ws, '.github'), { recursive: true });
mkdirSync(path.join(ws, '.git'), { recursive: true });
writeFileSync(path.join(ws, '.github', 'ok.yml'), '\ufeffversion: 1\n');
writeFileSync(path.join(ws, '.git', 'config'), '[core]\n');
writeFileSync(path.join(root, 'outside.yml'), 'secret: 1\n');
symlinkSync(path.join(root, 'outside.yml'), path.join(ws, 'out-link.yml'));
symlinkSync(path.join(ws, '.github', 'ok.yml'), path.join(ws, 'in-link.yml'));
symlinkSync(path.join(ws, '.git', 'config'), path.join(ws, 'git-link.yml'));
symlinkSync(path.join(ws, 'missing.yml'), path.join(ws, 'dangling.yml'));
writeFileSync(path.join(ws, 'big.yml'), Buffer.alloc(MAX_WORKSPACE_FILE_BYTES + 1, 0x20));
writeFileSync(path.join(ws, 'edge.yml'), Buffer.alloc(MAX_WORKSPACE_FILE_BYTES, 0x20));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function refusal(ref: string, opts = {}): string {
  try {
    readWorkspaceFile(ws, ref, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(WorkspaceFileError);
    return (err as Error).message;
  }
  throw new Error(`${ref} was read`);
}

describe('readWorkspaceFile', () => {
  it('reads a regular file inside the workspace (BOM dropped), and through an inside link', () => {
    expect(readWorkspaceFile(ws, '.github/ok.yml')).toMatchObject({
      rel: '.github/ok.yml',
      text: 'version: 1\n',
    });
    expect(readWorkspaceFile(ws, 'in-link.yml')?.text).toBe('version: 1\n');
  });

  it('null when nothing is there (missing file, dangling link)', () => {
    expect(readWorkspaceFile(ws, 'nope.yml')).toBeNull();
    expect(readWorkspaceFile(ws, 'dangling.yml')).toBeNull();
  });

  it('refuses absolute paths, escapes, .git, links out, non-files and large files', () => {
    expect(refusal('/etc/passwd')).toMatch(/is an absolute path/);
    expect(refusal('C:\\Windows\\win.ini')).toMatch(/is an absolute path/);
    expect(refusal('~/x.yml')).toMatch(/is an absolute path/);
    expect(refusal('../outside.yml')).toMatch(/points outside the workspace/);
    expect(refusal('.github/../../outside.yml')).toMatch(/points outside the workspace/);
    expect(refusal('.git/config')).toMatch(/inside \.git\//);
    expect(refusal('.GIT/config')).toMatch(/inside \.git\//);
    expect(refusal('out-link.yml')).toMatch(/symbolic link to a file outside the workspace/);
    expect(refusal('git-link.yml')).toMatch(/symbolic link to a file inside \.git\//);
    expect(refusal('.github')).toMatch(/is not a regular file/);
    expect(refusal('big.yml')).toMatch(/is 1048577 bytes; files larger than 1048576 bytes/);
    expect(readWorkspaceFile(ws, 'edge.yml')?.text).toHaveLength(MAX_WORKSPACE_FILE_BYTES);
    expect(refusal('x\0.yml')).toMatch(/NUL/);
  });

  it('resolves relative to `from`, still confined to the workspace', () => {
    const from = path.join(ws, '.github');
    expect(readWorkspaceFile(ws, './ok.yml', { from })?.rel).toBe('.github/ok.yml');
    expect(refusal('../../outside.yml', { from })).toMatch(/points outside/);
    expect(workspacePath(ws, 'a/b.yml', { from })).toMatchObject({ rel: '.github/a/b.yml' });
  });

  it('messages name the input, never the content', () => {
    expect(refusal('../outside.yml', { what: 'baseline' })).toBe(
      'baseline `../outside.yml` points outside the workspace',
    );
    expect(refusal('out-link.yml')).not.toContain('secret');
  });
});
