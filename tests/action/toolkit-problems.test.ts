// The toolkit's annotations taken during its calls (src/action/toolkit-problems.ts): what it
// prints as a warning or error (or logs as a failure) becomes the call's problems, everything
// else is written as is,
// and stdout is itself again once no call is open, however the calls overlap.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureToolkitProblems } from '../../src/action/toolkit-problems.js';

const realWrite = process.stdout.write;
afterEach(() => {
  process.stdout.write = realWrite;
});

describe('captureToolkitProblems', () => {
  it('takes warning and error commands (unescaped, without the toolkit prefix), passes the rest', async () => {
    const written: string[] = [];
    process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof realWrite;
    const seen = process.stdout.write;
    const r = await captureToolkitProblems(async () => {
      process.stdout.write('::warning::Failed to restore: tar failed%0Aexit 2 (100%25)\n');
      process.stdout.write('::error::Failed to save: HTTP 503\n');
      // A refused reservation is the one failure the toolkit logs as a plain line.
      process.stdout.write('Failed to save: Unable to reserve cache with key k, another job\n');
      process.stdout.write('Cache Size: ~0 MB\n');
      process.stdout.write('::debug::Resource Url: x\n');
      return 7;
    });
    expect(r).toEqual({
      value: 7,
      problems: [
        'tar failed\nexit 2 (100%)',
        'HTTP 503',
        'Unable to reserve cache with key k, another job',
      ],
    });
    expect(written).toEqual(['Cache Size: ~0 MB\n', '::debug::Resource Url: x\n']);
    expect(process.stdout.write).toBe(seen);
  });

  it('a throwing call: what it threw and what it printed; overlapping calls each see the commands', async () => {
    const spy = vi.fn(() => true);
    process.stdout.write = spy as unknown as typeof realWrite;
    let release!: () => void;
    const a = captureToolkitProblems(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('a');
        }),
    );
    const b = captureToolkitProblems(async () => {
      process.stdout.write('::warning::Cache reservation failed: busy\n');
      throw new Error('boom');
    });
    expect(await b).toMatchObject({ thrown: new Error('boom'), problems: ['busy'] });
    release();
    expect(await a).toEqual({ value: 'a', problems: ['busy'] });
    process.stdout.write('::warning::after\n');
    expect(spy).toHaveBeenCalledWith('::warning::after\n');
  });
});
