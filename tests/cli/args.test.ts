import { describe, expect, it } from 'vitest';
import {
  HELP,
  USAGE,
  UsageError,
  isIsoDate,
  parseCliArgs,
  suggestOption,
} from '../../src/cli/args.js';
import { useColor } from '../../src/cli/color.js';
import { apiEndpoints, tokenFrom } from '../../src/cli/live.js';
import { repoFromApiUrl, repoFromHtmlUrl } from '../../src/cli/input.js';

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseCliArgs', () => {
  it('reads --input with defaults: text, fail-on error, today unset, no config', () => {
    expect(parseCliArgs(['--input', 'issues.json'])).toEqual({
      kind: 'lint',
      source: { kind: 'file', file: 'issues.json' },
      config: null,
      format: 'text',
      failOn: 'error',
      today: null,
      baseline: null,
      writeBaseline: null,
      compareConfig: null,
    });
  });

  it('reads every option, long and short, values case-insensitive', () => {
    expect(
      parseCliArgs([
        '-i',
        'a.json',
        '-c',
        'cfg.yml',
        '-f',
        'JSON',
        '--fail-on',
        'Warning',
        '--today',
        '2026-02-28',
      ]),
    ).toEqual({
      kind: 'lint',
      source: { kind: 'file', file: 'a.json' },
      config: 'cfg.yml',
      format: 'json',
      failOn: 'warning',
      today: '2026-02-28',
      baseline: null,
      writeBaseline: null,
      compareConfig: null,
    });
    expect(
      parseCliArgs(['--repo=acme/rocket.js', '--format=markdown', '--fail-on=never']),
    ).toMatchObject({
      source: { kind: 'repo', owner: 'acme', repo: 'rocket.js' },
      format: 'markdown',
      failOn: 'never',
    });
    expect(parseCliArgs(['--input', '-'])).toMatchObject({ source: { kind: 'file', file: '-' } });
  });

  it('--help and --version win over everything else', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h', '--input', 'x'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
  });

  it('--print-config takes only --config', () => {
    expect(parseCliArgs(['--print-config'])).toEqual({ kind: 'print-config', config: null });
    expect(parseCliArgs(['--print-config', '--config', 'x.yml'])).toEqual({
      kind: 'print-config',
      config: 'x.yml',
    });
    expect(usageError(['--print-config', '--input', 'a.json'])).toMatch(
      /--print-config takes only --config \(got --input\)/,
    );
  });

  it('says what is wrong', () => {
    expect(usageError([])).toMatch(/nothing to lint: pass --input FILE.json or --repo OWNER\/NAME/);
    expect(usageError(['--bogus'])).toBe('unknown option --bogus');
    expect(usageError(['--fial-on', 'error'])).toBe(
      'unknown option --fial-on (did you mean --fail-on?)',
    );
    expect(usageError(['--inpt', 'a.json'])).toBe('unknown option --inpt (did you mean --input?)');
    expect(usageError(['--inptu', 'a.json'])).toBe(
      'unknown option --inptu (did you mean --input?)',
    );
    expect(usageError(['--confg', 'a.yml'])).toBe(
      'unknown option --confg (did you mean --config?)',
    );
    expect(usageError(['--print-cofnig'])).toBe(
      'unknown option --print-cofnig (did you mean --print-config?)',
    );
    expect(usageError(['--versoin'])).toBe('unknown option --versoin (did you mean --version?)');
    expect(usageError(['--input', 'a', '--format', 'jsn'])).toBe(
      "--format: 'jsn' is not allowed (did you mean json?); use one of: text, json, markdown",
    );
    expect(usageError(['-x'])).toBe('unknown option -x');
    expect(usageError(['--input'])).toBe('--input needs a value');
    expect(usageError(['--input', '--format', 'json'])).toMatch(/^--input needs a value/);
    expect(usageError(['--help=yes'])).toBe('--help does not take a value');
    expect(usageError(['issues.json'])).toBe(
      "unexpected argument 'issues.json' (did you mean --input issues.json?)",
    );
    expect(usageError(['exports/backlog'])).toBe(
      "unexpected argument 'exports/backlog' (did you mean --input exports/backlog?)",
    );
    expect(usageError(['--input', 'a', 'extra'])).toBe(
      "unexpected argument 'extra' (options are written --name VALUE)",
    );
    expect(usageError(['--input', 'a', '--format', 'xml'])).toBe(
      "--format: 'xml' is not allowed; use one of: text, json, markdown",
    );
    expect(usageError(['--input', 'a', '--fail-on', 'notice'])).toBe(
      "--fail-on: 'notice' is not allowed; use one of: error, warning, never",
    );
    expect(usageError(['--input', 'a', '--today', '2026-02-30'])).toMatch(
      /--today: '2026-02-30' is not a date/,
    );
    expect(usageError(['--input', 'a', '--today', 'tomorrow'])).toMatch(/--today/);
    expect(usageError(['--input', 'a', '--repo', 'o/r'])).toBe(
      'use either --input or --repo, not both',
    );
    expect(usageError(['--repo', 'acme'])).toMatch(/--repo: 'acme' is not OWNER\/NAME/);
    expect(usageError(['--repo', 'acme/rocket/extra'])).toMatch(/is not OWNER\/NAME/);
    expect(usageError(['--input', ''])).toMatch(/--input: the path is empty/);
    expect(usageError(['--input', 'a', '--config', ''])).toMatch(/--config: the path is empty/);
  });

  it('usage and help texts name every option', () => {
    for (const flag of [
      '--input',
      '--repo',
      '--config',
      '--format',
      '--fail-on',
      '--print-config',
    ]) {
      expect(USAGE).toContain(flag);
    }
    for (const flag of [
      '--today',
      '--help',
      '--version',
      'GITHUB_TOKEN',
      'GITHUB_API_URL',
      'GITHUB_GRAPHQL_URL',
      'NO_COLOR',
    ]) {
      expect(HELP).toContain(flag);
    }
  });
});

describe('helpers', () => {
  it('isIsoDate accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
  });

  it('useColor: FORCE_COLOR wins, then NO_COLOR, then a terminal', () => {
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(useColor({ TERM: 'dumb' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });

  it('apiEndpoints: defaults, explicit URLs, GHES GraphQL derived from the REST base', () => {
    expect(apiEndpoints({})).toEqual({
      baseUrl: 'https://api.github.com',
      graphqlUrl: 'https://api.github.com/graphql',
    });
    expect(apiEndpoints({ GITHUB_API_URL: 'https://ghe.example.com/api/v3/' })).toEqual({
      baseUrl: 'https://ghe.example.com/api/v3',
      graphqlUrl: 'https://ghe.example.com/api/graphql',
    });
    expect(
      apiEndpoints({
        GITHUB_API_URL: 'http://127.0.0.1:9',
        GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/gql',
      }),
    ).toEqual({ baseUrl: 'http://127.0.0.1:9', graphqlUrl: 'http://127.0.0.1:9/gql' });
    expect(apiEndpoints({ GITHUB_API_URL: 'http://127.0.0.1:9' }).graphqlUrl).toBe(
      'http://127.0.0.1:9/graphql',
    );
  });

  it('tokenFrom: GITHUB_TOKEN, else GH_TOKEN', () => {
    expect(tokenFrom({})).toBeNull();
    expect(tokenFrom({ GITHUB_TOKEN: ' ' })).toBeNull();
    expect(tokenFrom({ GH_TOKEN: 'b' })).toBe('b');
    expect(tokenFrom({ GITHUB_TOKEN: 'a', GH_TOKEN: 'b' })).toBe('a');
  });

  it('finds the repository in issue and API urls', () => {
    expect(repoFromHtmlUrl('https://github.com/acme/rocket/issues/7')).toEqual({
      server: 'https://github.com',
      repo: 'acme/rocket',
    });
    expect(repoFromHtmlUrl('https://ghe.example.com/acme/rocket/pull/7')).toEqual({
      server: 'https://ghe.example.com',
      repo: 'acme/rocket',
    });
    expect(repoFromHtmlUrl('not a url')).toBeNull();
    expect(repoFromHtmlUrl('https://github.com/acme')).toBeNull();
    expect(repoFromApiUrl('https://api.github.com/repos/acme/rocket')).toBe('acme/rocket');
    expect(repoFromApiUrl(42)).toBeNull();
  });
});

describe('adoption flags', () => {
  it('reads --baseline, --write-baseline and --compare-config', () => {
    expect(
      parseCliArgs(['--input', 'a.json', '--baseline', 'b.json', '--write-baseline', 'c.json']),
    ).toMatchObject({ baseline: 'b.json', writeBaseline: 'c.json', compareConfig: null });
    expect(parseCliArgs(['--repo', 'o/n', '--compare-config', 'base.yml'])).toMatchObject({
      compareConfig: 'base.yml',
    });
    expect(() => parseCliArgs(['--input', 'a.json', '--baseline', ' '])).toThrow(
      /--baseline: the path is empty/,
    );
  });

  it('are in the flag table: listed in the help, and a slip gets a did-you-mean', () => {
    for (const flag of ['--baseline', '--write-baseline', '--compare-config']) {
      expect(HELP).toMatch(new RegExp(`^ +${flag} `, 'm'));
    }
    expect(suggestOption('--basline')).toBe('--baseline');
    expect(suggestOption('--write-basline')).toBe('--write-baseline');
    expect(suggestOption('--compare-confg')).toBe('--compare-config');
    expect(() => parseCliArgs(['--input', 'a.json', '--compare-confg', 'b.yml'])).toThrow(
      /did you mean --compare-config/,
    );
  });
});

describe('did-you-mean covers the whole flag table', () => {
  it('suggests every long option from a one-letter slip of it', () => {
    const longs = [...HELP.matchAll(/^ +(?:-\w, )?--([a-z][a-z-]+)(?: \S+)? {2,}/gm)].map(
      (m) => m[1]!,
    );
    expect(longs.length).toBeGreaterThanOrEqual(9);
    for (const name of longs) {
      // drop the last letter and swap the first two: both are near misses
      const typos = [name.slice(0, -1), name[1]! + name[0]! + name.slice(2)];
      for (const typo of typos) {
        expect(suggestOption(`--${typo}`), typo).toBe(`--${name}`);
      }
    }
  });
});
