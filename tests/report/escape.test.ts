import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeMarkdown,
  inlineEscapable,
  mermaidLabel,
  noMention,
  plainText,
  safe,
  safeByPipeline,
  safeUrl,
  safeUrlByParser,
} from '../../src/report/escape.js';

const ZWSP = '\u200B';
/** A markdown-special character not preceded by a backslash. */
const unescaped = (c: string) => new RegExp(`(?<!\\\\)\\${c}`);

describe('safe', () => {
  it('turns raw HTML into text', () => {
    for (const attack of ['<img src=x onerror=alert(1)>', '<details open>', '<script>x</script>']) {
      const out = safe(attack);
      expect(out).not.toContain('<');
      expect(out).toContain('&lt;');
    }
  });

  it('cannot forge the hidden sticky-comment or report marker', () => {
    const out = safe('Fix <!-- backlog-lint:sticky --> <!-- backlog-lint:report -->');
    expect(out).not.toContain('<!--');
    expect(out).toContain('&lt;\\!-- backlog-lint:sticky --&gt;');
  });

  it('does not notify users or teams', () => {
    const out = safe('ping @alice and @acme/product-managers, mail bob@example.com');
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(out).toContain(`@${ZWSP}alice`);
    expect(out).toContain(`@${ZWSP}acme/product-managers`);
  });

  it('does not decode entities into mentions or tags', () => {
    expect(safe('&#64;alice &lt;b&gt;')).toBe('&amp;\\#64;alice &amp;lt;b&amp;gt;');
  });

  it('escapes links and images so they are not clickable', () => {
    const out = safe('[x](javascript:alert(1)) ![img](https://e.x/a.png)');
    expect(out).not.toMatch(unescaped('['));
    expect(out).not.toMatch(unescaped('('));
    expect(out).not.toMatch(unescaped('!'));
    expect(out).toBe(
      `\\[x\\]\\(javascript:alert\\(1\\)\\) \\!\\[img\\]\\(https:${ZWSP}//e.x/a.png\\)`,
    );
  });

  it('breaks bare URLs and www autolinks', () => {
    expect(safe('see https://evil.example')).toBe(`see https:${ZWSP}//evil.example`);
    expect(safe('www.evil.example')).toBe(`www${ZWSP}.evil.example`);
  });

  it('breaks cross-repository references but keeps issue references of this repo', () => {
    expect(safe('dup of other/repo#12')).toBe(`dup of other/repo\\#${ZWSP}12`);
    expect(safe('dup of #12')).toBe('dup of \\#12');
  });

  it('escapes headings, emphasis, code, strikethrough, math and list starts', () => {
    expect(safe('# Title')).toBe('\\# Title');
    expect(safe('*b* _i_ ~~s~~ `c` ```js $x$')).toBe(
      '\\*b\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\`\\`\\`js \\$x\\$',
    );
    expect(safe('1. first')).toBe('1\\. first');
    expect(safe('- item')).toBe('\\- item');
    expect(safe('+ item')).toBe('\\+ item');
    expect(safe('--- a-b')).toBe('\\--- a-b');
  });

  it('keeps a table cell intact: pipes escaped, newlines collapsed', () => {
    const out = safe('a | b\n| --- |\r\n\tc\u2028d');
    expect(out).toBe('a \\| b \\| --- \\| c d');
    expect(out).not.toMatch(/\n/);
    expect(out).not.toMatch(unescaped('|'));
  });

  it('escapes a trailing backslash so it cannot eat the cell separator', () => {
    expect(safe('path\\')).toBe('path\\\\');
  });

  it('drops control and bidi-override characters', () => {
    expect(safe('a\u0000b\u001B[31mc\u202Ed')).toBe('ab\\[31mcd');
  });

  it('leaves ordinary titles readable', () => {
    expect(safe('Budget for Q3: 10% over, see notes')).toBe('Budget for Q3: 10% over, see notes');
  });
});

describe('safe: the one-pass path gives what the step-by-step pipeline gives', () => {
  // Characters each step of the pipeline treats specially, and their neighbours.
  const ALPHABET = [
    ...'aZ09 ._-+#@:/wW\\`*_{}[]()!|~$&<>"\'%;=,?',
    ...'\t\n\r\v\f\u0000\u0007\u001B\u007F\u0085\u009B\u00A0\u1680\u180E\u2000\u200A\u200B',
    ...'\u2028\u2029\u202A\u202E\u202F\u205F\u2066\u2069\u3000\uFEFF é🚀',
  ];

  it('on every UTF-16 code unit, alone, between letters, and first or last', () => {
    const differ: string[] = [];
    let onePass = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const s of [c, `a${c}b`, `${c}b`, `a ${c}`, `${c}${c}`, `x#${c}1`]) {
        if (inlineEscapable(s)) onePass++;
        if (safe(s) !== safeByPipeline(s)) differ.push(JSON.stringify(s));
      }
    }
    expect(differ).toEqual([]);
    // Most of them take the one pass: the comparison is not the pipeline against itself.
    expect(onePass).toBeGreaterThan(300_000);
  });

  it('on 50,000 random strings of those characters', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const differ: string[] = [];
    let onePass = 0;
    for (let k = 0; k < 50_000; k++) {
      let s = '';
      for (let n = rand(24); n > 0; n--) s += ALPHABET[rand(ALPHABET.length)];
      if (inlineEscapable(s)) onePass++;
      if (safe(s) !== safeByPipeline(s)) differ.push(JSON.stringify(s));
    }
    expect(differ).toEqual([]);
    expect(onePass).toBeGreaterThan(15_000);
  });

  it('on findings as the engine words them', () => {
    const worded = [
      '#5 is a budget issue owned by project, but its assignee is alice (product); suggested assignee: carol',
      '#1 is owned by project but lacks its ownership label "owner: project"',
    ];
    for (const s of worded) expect(inlineEscapable(s)).toBe(true); // the common case: one pass
    for (const s of [
      ...worded,
      'see www.example.com or https://x.io, acme/widgets#12 and @team',
      '12. not a list',
      '- not a list',
    ])
      expect(safe(s)).toBe(safeByPipeline(s));
    expect(safe('#5 is a budget issue (product) @bob <b>')).toBe(
      `\\#5 is a budget issue \\(product\\) @${ZWSP}bob &lt;b&gt;`,
    );
  });
});

describe('safeUrl: the fast path gives what the URL parser gives', () => {
  it('on URLs that parsing changes, rejects or must encode, and on plain ones', () => {
    const urls = [
      'https://github.com/acme/widgets/issues/5',
      'https://ghe.example.com/acme/next.js/issues/12/',
      'http://github.com/a/b',
      'https://GitHub.com/a/b',
      'HTTPS://github.com/a/b',
      'https://github.com',
      'https://github.com/',
      'https://github.com:443/a/b',
      'https://user@github.com/a/b',
      'https://1.2.3.4/a',
      'https://a.0x1f/a',
      'https://a.b.123/a',
      'https://xn--nxasmq6b.com/a',
      'https://xn--a.com/a',
      'https://a..b.com/x',
      'https://-a.com/x',
      'https://github.com/a/./b',
      'https://github.com/a/../b',
      'https://github.com/a/..',
      'https://github.com/a/.',
      'https://github.com/a/%2e%2e/b',
      'https://github.com/a/b?x=1',
      'https://github.com/a/b#c',
      'https://github.com/a/(b)',
      'https://github.com/a/b c',
      'https://github.com//a',
      'javascript:alert(1)',
      'ftp://github.com/a',
      '',
      'not a url',
    ];
    for (const url of urls) expect(safeUrl(url), url).toBe(safeUrlByParser(url));
  });

  it('on 20,000 random URL-like strings, most of them plain', () => {
    let seed = 99;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (alphabet: string, max: number): string => {
      let w = '';
      for (let n = rand(max); n >= 0; n--) w += alphabet[rand(alphabet.length)];
      return w;
    };
    const differ: string[] = [];
    let fast = 0;
    for (let k = 0; k < 20_000; k++) {
      const host = Array.from({ length: 1 + rand(3) }, () =>
        rand(20) ? word('abz09-', 6) : 'xn--a',
      ).join('.');
      const path = Array.from({ length: rand(4) }, () =>
        rand(10) ? word('aZ09_.~-', 5) : word('aZ%?#@()[] :', 3),
      ).join('/');
      const s = `${rand(2) ? 'https' : 'http'}://${host}${rand(8) ? '' : ':8080'}/${path}${rand(4) ? '' : '/'}`;
      if (safeUrl(s) !== safeUrlByParser(s)) differ.push(s);
      if (safeUrl(s) === s) fast += 1;
    }
    expect(differ).toEqual([]);
    expect(fast).toBeGreaterThan(5000);
  });
});

describe('building blocks', () => {
  it('escapeHtml escapes the HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapeMarkdown escapes markdown and HTML syntax', () => {
    expect(escapeMarkdown('[a](b) <i>')).toBe('\\[a\\]\\(b\\) &lt;i&gt;');
  });

  it('noMention breaks every @', () => {
    expect(noMention('@a @b')).toBe(`@${ZWSP}a @${ZWSP}b`);
  });

  it('plainText strips ANSI escapes and controls for terminals', () => {
    expect(
      plainText('\u001B[2J\u001B[31mred\u001B[0m \u001B]8;;http://x\u0007link\u001B]8;;\u0007\nx'),
    ).toBe('red link x');
  });

  it('safeUrl keeps http(s) URLs only, encoding what would end a link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,x')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://github.com/a/b/issues/1')).toBe('https://github.com/a/b/issues/1');
    expect(safeUrl('https://x.example/a)b|c')).toBe('https://x.example/a%29b%7Cc');
  });

  it('mermaidLabel neutralises %% (a Mermaid comment or %%{init}%% directive)', () => {
    const out = mermaidLabel('a %%{init: {"theme":"dark"}}%% b %% c');
    expect(out).not.toContain('%');
    expect(out).toBe('a #37;#37;{init: {#quot;theme#quot;:#quot;dark#quot;}}#37;#37; b #37;#37; c');
  });

  it('mermaidLabel escapes quotes and entity starts', () => {
    expect(mermaidLabel('say "hi" #1 <b>')).toBe('say #quot;hi#quot; #35;1 #lt;b#gt;');
  });
});
