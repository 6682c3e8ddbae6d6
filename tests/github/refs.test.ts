import { describe, expect, it } from 'vitest';
import { parseIssueRefs } from '../../src/github/index.js';

const repo = { owner: 'acme', repo: 'widgets' };

describe('parseIssueRefs', () => {
  it('finds #N, owner/repo#N and issue URLs of this repository, unique, in order', () => {
    const body =
      'Closes #12, relates to acme/widgets#7 and https://github.com/acme/widgets/issues/30; also (#12) and #7.\n' +
      'GHES: https://ghe.example.com/Acme/Widgets/issues/31#issuecomment-5';
    expect(parseIssueRefs(body, repo)).toEqual([12, 7, 30, 31]);
  });

  it('ignores other repositories, pull URLs, code, comments, entities, fragments and words', () => {
    const body = [
      'other/repo#1 acme/widgets-extra#2 https://github.com/acme/widgets/pull/3 https://github.com/other/widgets/issues/4',
      '`#5` and ``x #6 y`` in code, <!-- #7 hidden -->, &#8; entity, page.html#9, abc#10, #11abc',
      '~~~',
      '#13 in a fence',
      '~~~',
      '#14 counts',
    ].join('\n');
    expect(parseIssueRefs(body, repo)).toEqual([14]);
  });

  it('drops numbers GraphQL cannot carry and handles empty bodies', () => {
    expect(parseIssueRefs('#0 #99999999999 #3', repo)).toEqual([3]);
    expect(parseIssueRefs(null, repo)).toEqual([]);
    expect(parseIssueRefs('', repo)).toEqual([]);
  });

  it('escapes regex characters in the repository name', () => {
    expect(parseIssueRefs('a.b/c.d#4 axb/cxd#5', { owner: 'a.b', repo: 'c.d' })).toEqual([4]);
  });
});
