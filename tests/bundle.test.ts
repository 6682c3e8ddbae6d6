// What the committed bundles hold, beyond "they run" (tests/action runs dist/index.js):
// undici only in a chunk of its own, loaded by the proxy support when a proxy applies; the
// stand-in for @actions/http-client still covering everything @actions/core imports from it;
// and licenses.txt naming every bundled package, the chunk's included.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './action/harness.js';

const UNDICI_MARK = 'UND_ERR_'; // undici's error codes, in all of its error classes

describe.each(['dist', 'dist/cli'])('%s', (dir) => {
  const abs = path.join(ROOT, dir);
  const chunks = readdirSync(abs).filter((f) => /^\d+\.index\.js$/.test(f));

  it('starts without undici: it is in the one chunk the proxy support imports', () => {
    expect(readFileSync(path.join(abs, 'index.js'), 'utf8')).not.toContain(UNDICI_MARK);
    expect(chunks).toHaveLength(1);
    expect(readFileSync(path.join(abs, chunks[0]!), 'utf8')).toContain(UNDICI_MARK);
  });

  it('names every bundled package in licenses.txt, with its license text', () => {
    const text = readFileSync(path.join(abs, 'licenses.txt'), 'utf8');
    const action = dir === 'dist' ? ['@actions/core'] : []; // the CLI does without it
    for (const pkg of ['undici', '@octokit/core', 'yaml', 'zod', 'picomatch', ...action])
      expect(text).toMatch(new RegExp(`^${pkg}\\n(MIT|ISC|Apache-2\\.0)\\n.*\\S`, 'm'));
  });
});

describe('the @actions/http-client stand-in (src/bundle/http-client-stub.ts)', () => {
  it('exports every name @actions/core imports from the package root', async () => {
    const lib = path.join(ROOT, 'node_modules/@actions/core/lib');
    const imported = new Set<string>();
    for (const f of readdirSync(lib).filter((f) => f.endsWith('.js'))) {
      const src = readFileSync(path.join(lib, f), 'utf8');
      for (const m of src.matchAll(
        /import\s*(?:\*\s*as\s*\w+|\{([^}]*)\})\s*from\s*'@actions\/http-client'/g,
      )) {
        if (m[1] === undefined) throw new Error(`${f}: namespace import of @actions/http-client`);
        for (const name of m[1].split(',')) imported.add(name.trim().split(/\s+as\s+/)[0]!);
      }
    }
    expect([...imported]).toEqual(['HttpClient']);
    const stub = await import('../src/bundle/http-client-stub.js');
    for (const name of imported) expect(stub).toHaveProperty(name);
    expect(() => new stub.HttpClient()).toThrow(/left out of this bundle/);
  });
});

describe('the @actions/exec stand-in (src/bundle/exec-stub.ts)', () => {
  it('has every function @actions/core calls on the package, each failing loudly', async () => {
    const lib = path.join(ROOT, 'node_modules/@actions/core/lib');
    const used = new Set<string>();
    for (const f of readdirSync(lib).filter((f) => f.endsWith('.js'))) {
      const src = readFileSync(path.join(lib, f), 'utf8');
      const ns = /import\s*\*\s*as\s*(\w+)\s*from\s*'@actions\/exec'/.exec(src)?.[1];
      if (/from\s*'@actions\/exec'/.test(src) && !ns)
        throw new Error(`${f}: imports @actions/exec other than as a namespace`);
      if (ns) for (const m of src.matchAll(new RegExp(`\\b${ns}\\.(\\w+)`, 'g'))) used.add(m[1]!);
    }
    expect([...used]).toEqual(['getExecOutput']);
    const stub = await import('../src/bundle/exec-stub.js');
    for (const name of used) {
      expect(stub).toHaveProperty(name);
      expect(() => (stub as Record<string, () => unknown>)[name]!()).toThrow(
        /left out of this bundle/,
      );
    }
  });

  it('keeps node:child_process out of the action bundle', () => {
    expect(readFileSync(path.join(ROOT, 'dist/index.js'), 'utf8')).not.toMatch(
      /"(node:)?child_process"/,
    );
  });
});
