// The action's version in a snapshot's digest (src/action/incremental.ts actionVersion): any
// change to the action's scripts — not only the chunk the incremental source is bundled in —
// must change it, so a release that reads issues differently never merges old facts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { actionVersion } from '../../src/action/incremental.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('actionVersion', () => {
  it('changes when any script of the bundle changes, and with nothing else', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-version-'));
    const chunk = path.join(dir, '738.index.js');
    writeFileSync(chunk, 'export const incremental = 1;');
    writeFileSync(path.join(dir, 'index.js'), 'const query = "title labels";');
    writeFileSync(path.join(dir, 'licenses.txt'), 'MIT');
    const before = actionVersion(chunk);
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(actionVersion(chunk)).toBe(before);

    writeFileSync(path.join(dir, 'licenses.txt'), 'MIT, Apache-2.0');
    expect(actionVersion(chunk)).toBe(before); // not a script

    writeFileSync(path.join(dir, 'index.js'), 'const query = "title labels milestone";');
    const entryChanged = actionVersion(chunk);
    expect(entryChanged).not.toBe(before);

    writeFileSync(path.join(dir, '107.index.js'), 'export {};'); // a new chunk
    expect(actionVersion(chunk)).not.toBe(entryChanged);
  });

  it('"unknown" when its directory cannot be read', () => {
    expect(actionVersion(path.join(os.tmpdir(), 'no-such-dir-backlog-lint', 'x.js'))).toBe(
      'unknown',
    );
  });
});
