// The process's own io (src/action/io.ts) writes what @actions/core writes — the workflow
// commands on stdout, the outputs and the job summary in the runner's files — without loading
// @actions/core's index (node:crypto, node:fs/promises). Each function is compared with
// @actions/core's on the same arguments.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { coreIo } from '../../src/action/io.js';
import { parseOutputFile } from '../support/runner.js';

const written: string[] = [];
const exitCode = process.exitCode;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'backlog-lint-io-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  written.length = 0;
  process.exitCode = exitCode;
});
function captureStdout() {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
}
/** What `write` puts on stdout, once by ours and once by @actions/core's. */
function bothWrite(ours: () => void, theirs: () => void): [string, string] {
  captureStdout();
  ours();
  const a = written.splice(0).join('');
  theirs();
  const b = written.splice(0).join('');
  vi.restoreAllMocks();
  return [a, b];
}

/** The delimiters of a GITHUB_OUTPUT file's entries (`name<<D` ... `D`), in order. */
function delimiters(text: string): string[] {
  const found: string[] = [];
  const lines = text.split(os.EOL);
  for (let i = 0; i < lines.length; i++) {
    const delimiter = /^[^=<]+<<(.+)$/.exec(lines[i]!)?.[1];
    if (!delimiter) continue;
    found.push(delimiter);
    while (i < lines.length && lines[i + 1] !== delimiter) i++;
    i++;
  }
  return found;
}

const TEXTS = ['plain', 'careful: 100%', 'a%b\r\nc:d,e::f', '  spaced  ', 'ü€🐛', '', '::error::x'];
const PROPS = [
  {},
  { title: '#1 rule' },
  { title: 'a:b,c%d\ne', file: 'src/x, y.ts', startLine: 3, endLine: 4 },
  { file: '.github/backlog-lint.yml', startLine: 7, startColumn: 5, endColumn: 9 },
];

describe('coreIo writes what @actions/core writes', () => {
  it('commands on stdout: mask, info, debug, groups, every annotation level with every kind of location', () => {
    const io = coreIo({});
    for (const text of TEXTS) {
      // Each of ours beside the @actions/core function it stands for.
      const same: [(t: string) => void, (t: string) => void][] = [
        [io.setSecret, core.setSecret],
        [io.info, core.info],
        [io.debug, core.debug],
        [io.startGroup, core.startGroup],
      ];
      for (const [ours, theirs] of same)
        expectSame(
          () => ours(text),
          () => theirs(text),
        );
      for (const props of PROPS) {
        const levels = [
          ['error', core.error],
          ['warning', core.warning],
          ['notice', core.notice],
        ] as const;
        for (const [level, theirs] of levels)
          expectSame(
            () => io.annotate(level, text, props),
            () => theirs(text, props),
          );
      }
    }
    expectSame(
      () => io.endGroup(),
      () => core.endGroup(),
    );
    // The escaping is really exercised: the text is not written as given.
    const [escaped] = bothWrite(
      () => io.annotate('error', 'a%b\r\nc', { title: 'x:y' }),
      () => {},
    );
    expect(escaped).toBe('::error title=x%3Ay::a%25b%0D%0Ac\n');
  });

  it('a failure: the same error command, and the step fails at once', () => {
    process.exitCode = undefined;
    captureStdout();
    coreIo({}).setFailed('bad input: fail-on');
    vi.restoreAllMocks();
    written.length = 0;
    expect(process.exitCode).toBe(1);
    const [ours, theirs] = bothWrite(
      () => coreIo({}).setFailed('bad input: fail-on'),
      () => core.setFailed('bad input: fail-on'),
    );
    expect(ours).toBe(theirs);
    expect(ours).toBe('::error::bad input: fail-on\n');
    process.exitCode = undefined;
    coreIo({}).markFailed();
    expect(process.exitCode).toBe(1);
  });

  it('outputs in GITHUB_OUTPUT: the same entries as @actions/core, read back as the runner reads them', () => {
    const { ours, theirs, io } = twoFiles('GITHUB_OUTPUT', 'out', '');
    const values: [string, string | number][] = [
      ['findings', 3],
      ['report-path', '/tmp/backlog-lint report.json'],
      ['summary', `line one${os.EOL}line two${os.EOL}`],
      ['odd', 'x<<y\r\n%0A::'],
    ];
    for (const [name, value] of values) {
      io.setOutput(name, value);
      core.setOutput(name, value);
    }
    const a = readFileSync(ours, 'utf8');
    const b = readFileSync(theirs, 'utf8');
    expect(parseOutputFile(a)).toEqual(parseOutputFile(b));
    expect(parseOutputFile(a)).toEqual(
      Object.fromEntries(values.map(([name, v]) => [name, String(v).replace(/\r?\n/g, '\n')])),
    );
    // Only the delimiter differs (@actions/core's is a random UUID).
    const plain = (text: string) => delimiters(text).reduce((t, d) => t.split(d).join('D'), text);
    expect(plain(a)).toBe(plain(b));
  });

  it('a value holding the delimiter gets another one, so it cannot end its entry early', () => {
    const file = path.join(dir, 'delimiter.out');
    writeFileSync(file, '');
    const io = coreIo({ GITHUB_OUTPUT: file });
    const hostile = [
      'ghadelimiter_backlog-lint',
      'x',
      'ghadelimiter_backlog-lint_1',
      'injected<<EOF',
      'evil',
      'EOF',
    ].join(os.EOL);
    io.setOutput('title', hostile);
    io.setOutput('ghadelimiter_backlog-lint', 'named like the delimiter');
    io.setOutput('after', 'ok');
    const D = 'ghadelimiter_backlog-lint';
    expect(readFileSync(file, 'utf8')).toBe(
      [
        `title<<${D}_2`,
        hostile,
        `${D}_2`,
        `${D}<<${D}_1`,
        'named like the delimiter',
        `${D}_1`,
        `after<<${D}`,
        'ok',
        D,
        '',
      ].join(os.EOL),
    );
    expect(parseOutputFile(readFileSync(file, 'utf8'))).toEqual({
      title: hostile,
      [D]: 'named like the delimiter',
      after: 'ok',
    });
  });

  it('without GITHUB_OUTPUT: the old set-output command, as @actions/core writes it', () => {
    vi.stubEnv('GITHUB_OUTPUT', '');
    expectSame(
      () => coreIo({}).setOutput('findings', 2),
      () => core.setOutput('findings', 2),
    );
  });

  it('a GITHUB_OUTPUT that does not exist: the same error as @actions/core', () => {
    const missing = path.join(dir, 'nowhere', 'out');
    vi.stubEnv('GITHUB_OUTPUT', missing);
    expect(() => core.setOutput('a', 'b')).toThrow(`Missing file at path: ${missing}`);
    expect(() => coreIo({ GITHUB_OUTPUT: missing }).setOutput('a', 'b')).toThrow(
      `Missing file at path: ${missing}`,
    );
  });

  it('the job summary: appended with an end of line, as core.summary.addRaw(text, true).write()', async () => {
    const { ours, theirs, io } = twoFiles('GITHUB_STEP_SUMMARY', 'md', '# before\n');
    for (const md of ['## backlog-lint', '| a | b |\n| --- | --- |', 'ü€🐛']) {
      await io.writeSummary(md);
      await core.summary.addRaw(md, true).write();
    }
    expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
    expect(readFileSync(ours, 'utf8')).toContain('# before\n## backlog-lint\n');
    // Outside a runner there is no summary file: nothing is written, nothing fails.
    await expect(coreIo({}).writeSummary('x')).resolves.toBeUndefined();
    await expect(
      coreIo({ GITHUB_STEP_SUMMARY: path.join(dir, 'nowhere', 'summary.md') }).writeSummary('x'),
    ).rejects.toThrow(/Unable to access summary file: '.*nowhere.*summary\.md'/);
  });

  it('reads inputs and the debug flag from the environment as @actions/core does', () => {
    const env = { 'INPUT_FAIL-ON': '  warning \n', INPUT_REPORT_ISSUE: 'x', RUNNER_DEBUG: '1' };
    const io = coreIo(env);
    vi.stubEnv('INPUT_FAIL-ON', env['INPUT_FAIL-ON']);
    vi.stubEnv('INPUT_REPORT_ISSUE', env.INPUT_REPORT_ISSUE);
    vi.stubEnv('RUNNER_DEBUG', env.RUNNER_DEBUG);
    for (const name of ['fail-on', 'report issue', 'mode'])
      expect(io.getInput(name), name).toBe(core.getInput(name));
    expect(io.getInput('fail-on')).toBe('warning');
    expect(io.isDebug()).toBe(core.isDebug());
    vi.stubEnv('RUNNER_DEBUG', 'true');
    expect(coreIo({ RUNNER_DEBUG: 'true' }).isDebug()).toBe(core.isDebug());
  });
});

/**
 * One runner file (`variable`) twice, holding `text`: ours, given to a coreIo, and theirs, set
 * in the environment, where @actions/core reads it.
 */
function twoFiles(variable: string, ext: string, text: string) {
  const ours = path.join(dir, `ours.${ext}`);
  const theirs = path.join(dir, `theirs.${ext}`);
  writeFileSync(ours, text);
  writeFileSync(theirs, text);
  vi.stubEnv(variable, theirs);
  return { ours, theirs, io: coreIo({ [variable]: ours }) };
}

function expectSame(ours: () => void, theirs: () => void): void {
  const [a, b] = bothWrite(ours, theirs);
  expect(a).toBe(b);
}
