// The head config of a pull request, read through the contents API: its relative `extends`
// are read at the same commit, only inside the repository.
import { describe, expect, it } from 'vitest';
import { loadHeadConfig, watchedFiles } from '../../src/action/preview.js';
import type { GitHubClient } from '../../src/github/index.js';
import { defaultConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/types.js';

/** Answers the contents API from `files` (path → text); records the paths asked for. */
function fakeGitHub(files: Record<string, string>): { gh: GitHubClient; asked: string[] } {
  const asked: string[] = [];
  const gh = {
    request: async (_route: string, params: { path: string; ref?: string }) => {
      asked.push(`${params.path}@${params.ref}`);
      const text = files[params.path];
      if (text === undefined) throw Object.assign(new Error('Not Found'), { status: 404 });
      return {
        data: { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') },
      };
    },
  } as unknown as GitHubClient;
  return { gh, asked };
}

const repo = { owner: 'acme', repo: 'rocket' };
const SHA = 'a'.repeat(40);
/** The runner's workspace: paths are checked against it; nothing is read from it. */
const WORKSPACE = '/home/runner/work/rocket/rocket';

describe('loadHeadConfig', () => {
  it('reads the files the config extends at the head commit, nested ones too', async () => {
    const { gh, asked } = fakeGitHub({
      '.github/backlog-lint.yml': 'extends: [recommended, ./shared/base.yml]\n',
      '.github/shared/base.yml': 'extends: ./more.yml\nrules:\n  owner-label: off\n',
      '.github/shared/more.yml': 'rules:\n  type-required: error\n',
    });
    const head = await loadHeadConfig({
      gh,
      repo,
      workspace: WORKSPACE,
      configRel: '.github/backlog-lint.yml',
      headSha: SHA,
    });
    expect(head.config.rules['owner-label']!.severity).toBe('off');
    expect(head.config.rules['type-required']!.severity).toBe('error');
    expect(head.source).toBe('api:.github/backlog-lint.yml@aaaaaaa');
    expect(asked).toEqual([
      `.github/backlog-lint.yml@${SHA}`,
      `.github/shared/base.yml@${SHA}`,
      `.github/shared/more.yml@${SHA}`,
    ]);
  });

  it('never reads outside the repository: the same path rules as any config, at the entry', async () => {
    const refusals: [string, RegExp][] = [
      // (named relative to the repository root, as issue 7's reader names it for the base config)
      [
        '../../../etc/passwd.yml',
        /extended file `\.\.\/\.\.\/etc\/passwd\.yml` points outside the workspace/,
      ],
      ['/etc/backlog-lint.yml', /extended file `\/etc\/backlog-lint\.yml` is an absolute path/],
      ['../.git/config.yml', /extended file `\.git\/config\.yml` is inside \.git\//],
    ];
    for (const [ref, message] of refusals) {
      const { gh, asked } = fakeGitHub({
        '.github/backlog-lint.yml': `extends: [recommended, ${ref}]\n`,
      });
      const err = await loadHeadConfig({
        gh,
        repo,
        workspace: WORKSPACE,
        configRel: '.github/backlog-lint.yml',
        headSha: SHA,
      }).catch((e: unknown) => e);
      expect(err, ref).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems[0], ref).toMatchObject({
        file: '.github/backlog-lint.yml',
        line: 1,
        message: expect.stringMatching(message),
      });
      // Only the config itself was fetched.
      expect(asked, ref).toEqual([`.github/backlog-lint.yml@${SHA}`]);
    }
  });

  it('a head config larger than 1 MiB is refused before it is parsed', async () => {
    const { gh } = fakeGitHub({
      '.github/backlog-lint.yml': `# ${'x'.repeat(1024 * 1024)}\nroles: {}\n`,
    });
    const err = await loadHeadConfig({
      gh,
      repo,
      workspace: WORKSPACE,
      configRel: '.github/backlog-lint.yml',
      headSha: SHA,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems[0]?.message).toMatch(/is larger than 1048576 bytes/);
  });

  it('a config deleted at the head is the recommended preset', async () => {
    const { gh } = fakeGitHub({});
    const head = await loadHeadConfig({
      gh,
      repo,
      workspace: WORKSPACE,
      configRel: '.github/backlog-lint.yml',
      headSha: SHA,
    });
    expect(head.config).toEqual(defaultConfig());
    expect(head.source).toMatch(/^preset:recommended/);
  });

  it('watches the config and the files it extends', () => {
    const base = {
      config: { ...defaultConfig(), extends: ['recommended', '.github/shared.yml'] },
      source: 'x',
    };
    expect([...watchedFiles('.github/backlog-lint.yml', base)]).toEqual([
      '.github/backlog-lint.yml',
      '.github/shared.yml',
    ]);
  });
});
