// Escaping of untrusted issue text (titles, labels, logins, milestones, and engine messages
// that quote them). Markdown output runs every such string through `safe`; terminal output
// through `plainText`. Anyone who can open an issue controls this text, so it must not be
// able to inject HTML, forge our hidden markers, break tables, create links or notify people.

/**
 * Zero-width space, inserted to break patterns GitHub acts on after rendering (mentions,
 * autolinks, cross-repository references). It is the character Dependabot and Renovate
 * insert (`@&#8203;user`) in release notes they quote, which GitHub shows as `@user` without
 * notifying anyone; it survives markdown escaping untouched, so no entity is needed.
 */
const ZWSP = '\u200B';

// Controls are what we are removing, so the regexes must name them.
/* eslint-disable no-control-regex */
/** C0/C1 controls other than whitespace, DEL, and bidi overrides/isolates ("Trojan source"). */
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/** ANSI/VT escape sequences: CSI (`ESC [` or 8-bit CSI), OSC (`ESC ]` ... BEL/ST), and 2-byte ESC forms. */
const ANSI =
  /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]|(?:\u001B\]|\u009D)[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[ -/]*[0-~]/g;
/* eslint-enable no-control-regex */
/** Every kind of line break and tab: a table cell or list item must stay on one line. */
const WHITESPACE_RUN = /[\s\u0085\u2028\u2029]+/g;

/** Drops control characters and collapses every run of whitespace (newlines included) to one space. */
function oneLine(s: string): string {
  return s.replace(CONTROLS, '').replace(WHITESPACE_RUN, ' ').trim();
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five HTML-significant characters; for text placed inside HTML we write. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Markdown inline syntax characters, backslash-escaped (CommonMark allows `\` before any
 * ASCII punctuation): emphasis, code spans and fences, links and images, headings, tables,
 * strikethrough, math (`$`), footnotes; list markers only where they act, at the start.
 * `<`, `>`, `&` and `"` become entities instead, so raw HTML, comments (`<!--`, which could
 * forge our hidden markers), autolinks (`<https://...>`) and entity tricks (`&#64;alice`
 * decoding to a mention) all render as plain text.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#!|~$&<>"]/g;

/** Escapes a string for markdown inline text (one line, table cells included). */
export function escapeMarkdown(s: string): string {
  return (
    s
      .replace(MARKDOWN_SPECIAL, (c) => HTML_ENTITIES[c] ?? `\\${c}`)
      // Only at the start of a line do "1. ", "- " and "+ " make a list (or "---" a rule).
      .replace(/^(\d+)\./, '$1\\.')
      .replace(/^[-+]/, '\\$&')
  );
}

/**
 * Neutralises `@login` and `@org/team` mentions by putting a zero-width space after `@`:
 * GitHub's mention filter needs a login character right after `@`, so nobody is notified,
 * while readers still see `@login`. Works in markdown and plain text alike. Also breaks
 * e-mail autolinks (`a@b.c`).
 */
export function noMention(s: string): string {
  return s.replace(/@/g, `@${ZWSP}`);
}

/**
 * Breaks what GitHub would turn into links or cross-references without markdown syntax:
 * bare URLs (`https://`, `www.`) and references into other repositories (`owner/repo#12`),
 * which would put a "mentioned this" event on someone else's issue. A plain `#12` in this
 * repository is left alone: our own reports link those issues anyway.
 */
function noAutolink(s: string): string {
  return s
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
    .replace(/(?<=[\w.-])#(?=\d)/g, `#${ZWSP}`);
}

/**
 * The one function for every issue-derived string placed in markdown: one line, no
 * controls, no autolinks or cross-repository references, no mentions, markdown-escaped.
 */
export function safe(s: string): string {
  if (INERT.test(s)) return s;
  return inlineEscapable(s) ? escapeInline(s) : safeByPipeline(s);
}

/** Whether `safe` escapes `s` in one pass (the tests hold that pass to the pipeline). */
export function inlineEscapable(s: string): boolean {
  return !NEEDS_FULL_PIPELINE.test(s);
}

/** `safe` step by step, for any text (what the fast paths of `safe` are tested against). */
export function safeByPipeline(s: string): string {
  return escapeMarkdown(noMention(noAutolink(oneLine(s))));
}

/**
 * What only the whole pipeline of `safe` handles: a control, bidi or whitespace character
 * other than a single space (oneLine), a leading or trailing space or two in a row (oneLine),
 * a possible autolink or cross-repository reference (noAutolink: any `://`, `www.`, `#` +
 * digit after a word character), a leading digit, `-` or `+` (escapeMarkdown's list markers).
 * Any other text comes out of the pipeline changed only character by character: `@` gains a
 * zero-width space and markdown specials are escaped, which `escapeInline` does in one pass.
 */
const NEEDS_FULL_PIPELINE =
  // eslint-disable-next-line no-control-regex -- controls are what it looks for
  /[\u0000-\u001F\u007F-\u00A0\u1680\u2000-\u200A\u2028-\u202F\u205F\u2066-\u2069\u3000\uFEFF]|^[ \d+-]| $| {2}|:\/\/|www\.|[\w.-]#\d/i;

/** Replacement of each ASCII character `escapeInline` changes (undefined: kept). */
const INLINE_ESCAPES: (string | undefined)[] = [];
for (const c of '\\`*_{}[]()#!|~$&<>"')
  INLINE_ESCAPES[c.charCodeAt(0)] = HTML_ENTITIES[c] ?? `\\${c}`;
INLINE_ESCAPES['@'.charCodeAt(0)] = `@${ZWSP}`;

/** `escapeMarkdown(noMention(s))` for text `NEEDS_FULL_PIPELINE` does not match, in one pass. */
function escapeInline(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const replacement = code < 128 ? INLINE_ESCAPES[code] : undefined;
    if (replacement === undefined) continue;
    out += s.slice(from, i) + replacement;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Words of letters, digits and punctuation no step above touches: the common case, kept fast. */
const INERT = /^[A-Za-z0-9,'?%;=]+(?: [A-Za-z0-9,'?%;=]+)*$/;

/** Issue text for a terminal: no ANSI escapes (which could rewrite the screen), no controls, one line. */
export function plainText(s: string): string {
  return oneLine(s.replace(ANSI, ''));
}

/**
 * An issue URL fit for a markdown link destination, or null when it is not http(s):
 * URLs come from the input too (`javascript:` must not become a link). Characters that
 * would end the destination or a table cell are percent-encoded.
 */
export function safeUrl(url: string): string | null {
  // An issue URL as GitHub gives it is already what parsing and encoding make of it.
  if (PLAIN_HTTP_URL.test(url) && !url.includes('xn--')) return url;
  return safeUrlByParser(url);
}

/**
 * http(s), a lower-case host name of at least two labels whose last one starts with a letter
 * (no IPv4 form, no port, no user), then one or more path segments of unreserved characters,
 * none `.` or `..`, maybe a final `/`; no query, fragment or percent sign. The URL parser
 * gives such a URL back unchanged (a host with an `xn--` label it checks as punycode, so
 * those take the parser's way), and it has nothing to percent-encode.
 */
const PLAIN_HTTP_URL =
  /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9_.~-]+)+\/?$/;

/** `safeUrl` through the URL parser, for any text (what its fast path is tested against). */
export function safeUrlByParser(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return parsed.href.replace(
    /[()<>\s"'`|\\[\]]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * A label inside a Mermaid `"..."` string (role names come from the config). Mermaid reads
 * `#name;` / `#35;` as entity codes, so `#` goes first, then quotes and angle brackets;
 * `%` too, since `%%` opens a Mermaid comment (or a `%%{init}%%` directive) wherever it is.
 */
export function mermaidLabel(s: string): string {
  return oneLine(s)
    .replace(/#/g, '#35;')
    .replace(/%/g, '#37;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}
