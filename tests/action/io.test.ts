// The process's own io (src/action/io.ts): @actions/core loaded late, so an issue event's first
// request leaves without it. Until ready() what is written is kept and then comes out in the
// order made, exactly as @actions/core writes it; the token's mask and the exit code do not wait.
import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coreIo } from '../../src/action/io.js';

const written: string[] = [];
const exitCode = process.exitCode;
afterEach(() => {
  vi.restoreAllMocks();
  written.length = 0;
  process.exitCode = exitCode;
});
function captureStdout() {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
}

describe('coreIo', () => {
  it('writes the mask at once, keeps the rest until ready(), then writes it in order', async () => {
    captureStdout();
    const io = coreIo({});
    io.info('backlog-lint: issue mode');
    io.setSecret('s3cret%value');
    io.annotate('warning', 'careful: 100%', { title: '#1 rule' });
    expect(written).toEqual(['::add-mask::s3cret%25value\n']);
    await io.ready();
    io.info('after');
    expect(written.join('')).toBe(
      [
        '::add-mask::s3cret%25value',
        'backlog-lint: issue mode',
        '::warning title=#1 rule::careful: 100%25',
        'after',
        '',
      ].join('\n'),
    );
  });

  it("the mask written without @actions/core is the one it writes, whatever the secret's characters", () => {
    captureStdout();
    for (const secret of ['ghs_abc', 'a%b\r\nc:d,e::f', '  spaced  ', 'ü€🐛']) {
      coreIo({}).setSecret(secret);
      core.setSecret(secret);
      const [ours, theirs] = written.splice(0);
      expect(ours).toBe(theirs);
    }
  });

  it('reads inputs and the debug flag from the environment as @actions/core does', () => {
    const env = { 'INPUT_FAIL-ON': '  warning \n', INPUT_REPORT_ISSUE: 'x', RUNNER_DEBUG: '1' };
    const io = coreIo(env);
    vi.stubEnv('INPUT_FAIL-ON', env['INPUT_FAIL-ON']);
    vi.stubEnv('INPUT_REPORT_ISSUE', env.INPUT_REPORT_ISSUE);
    vi.stubEnv('RUNNER_DEBUG', env.RUNNER_DEBUG);
    try {
      for (const name of ['fail-on', 'report issue', 'mode'])
        expect(io.getInput(name), name).toBe(core.getInput(name));
      expect(io.getInput('fail-on')).toBe('warning');
      expect(io.isDebug()).toBe(core.isDebug());
      vi.stubEnv('RUNNER_DEBUG', 'true');
      expect(coreIo({ RUNNER_DEBUG: 'true' }).isDebug()).toBe(core.isDebug());
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('the step fails at once, before its failure message is written', async () => {
    captureStdout();
    const io = coreIo({});
    io.setFailed('bad input: fail-on');
    expect(process.exitCode).toBe(1);
    expect(written).toEqual([]);
    await io.ready();
    expect(written.join('')).toBe('::error::bad input: fail-on\n');
    process.exitCode = undefined;
    coreIo({}).markFailed();
    expect(process.exitCode).toBe(1);
  });
});
