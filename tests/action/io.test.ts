// The process's own io (src/action/io.ts): @actions/core loaded late, so an issue event's first
// request leaves without it. Until ready() nothing is written and the calls are kept; then they
// come out in the order made, exactly as @actions/core writes them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coreIo } from '../../src/action/io.js';

const written: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  written.length = 0;
});
function captureStdout() {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
}

describe('coreIo', () => {
  it('keeps what is written until ready(), then writes it in order, and at once afterwards', async () => {
    captureStdout();
    const io = coreIo({});
    io.setSecret('s3cret-value');
    io.info('backlog-lint: issue mode');
    io.annotate('warning', 'careful: 100%', { title: '#1 rule' });
    expect(written).toEqual([]);
    await io.ready();
    io.info('after');
    expect(written.join('')).toBe(
      [
        '::add-mask::s3cret-value',
        'backlog-lint: issue mode',
        '::warning title=#1 rule::careful: 100%25',
        'after',
        '',
      ].join('\n'),
    );
  });

  it('reads inputs and the debug flag from the environment as @actions/core does', () => {
    const io = coreIo({
      'INPUT_FAIL-ON': '  warning \n',
      INPUT_REPORT_ISSUE: 'x',
      RUNNER_DEBUG: '1',
    });
    expect(io.getInput('fail-on')).toBe('warning');
    expect(io.getInput('report issue')).toBe('x');
    expect(io.getInput('mode')).toBe('');
    expect(io.isDebug()).toBe(true);
    expect(coreIo({ RUNNER_DEBUG: 'true' }).isDebug()).toBe(false);
  });

  it('a failure kept before ready() fails the step once written', async () => {
    captureStdout();
    const before = process.exitCode;
    try {
      const io = coreIo({});
      io.setFailed('bad input: fail-on');
      expect(process.exitCode).toBe(before);
      await io.ready();
      expect(written.join('')).toBe('::error::bad input: fail-on\n');
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before;
    }
  });
});
