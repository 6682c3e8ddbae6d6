// A parsed YAML file that remembers where every key and value was written, so a problem
// found at a data path (`types.budget.owner`) is reported at its exact line and column.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
} from 'yaml';

/** A path into the config data: object keys and list indexes. */
export type Path = readonly (string | number)[];
/** Point at a mapping key (unknown keys) or at its value (bad values). */
export type Target = 'key' | 'value';
export interface Position {
  line: number;
  column: number;
}

/** Fixing advice for YAML's own error codes; the message already says what is wrong. */
const SYNTAX_HINTS: Record<string, string> = {
  BAD_INDENT: 'check the indentation, and that every `[` or `{` opened is closed',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  DUPLICATE_KEY: 'each key may appear once per mapping: merge the two entries',
  MISSING_CHAR: 'close the bracket or quote that was opened',
  MULTIPLE_DOCS: 'keep a single YAML document (no `---` separators)',
  BLOCK_AS_IMPLICIT_KEY: 'put the nested mapping on its own lines, indented under its key',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line and be followed by `:`',
};
const DEFAULT_SYNTAX_HINT = 'fix the YAML syntax: indentation, `key: value` pairs, quotes';

export interface SyntaxProblem {
  position: Position;
  message: string;
  hint: string;
}

type YamlNode = { range?: [number, number, number] | null } | null | undefined;

export class YamlSource {
  private constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(text: string): YamlSource {
    const lines = new LineCounter();
    // prettyErrors off: we print our own `file:line:col` prefix.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    return new YamlSource(doc, lines);
  }

  syntaxProblems(): SyntaxProblem[] {
    return this.doc.errors.map((error) => ({
      position: this.positionAt(error.pos[0]),
      message: `YAML syntax error: ${error.message}`,
      hint: SYNTAX_HINTS[error.code] ?? DEFAULT_SYNTAX_HINT,
    }));
  }

  /** The document as plain data; an empty file is an empty mapping. */
  toData(): unknown {
    return this.doc.toJS() ?? {};
  }

  /**
   * Where `path` is written. When the path does not exist (a missing key), the deepest part
   * that does exist is reported, so the position always points into the file.
   */
  positionOf(path: Path, target: Target): Position {
    let node: unknown = this.doc.contents;
    let key: YamlNode = null;
    for (const segment of path) {
      node = this.deref(node);
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) return this.positionOfNode(key ?? (node as YamlNode));
        key = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        key = null;
        node = node.items[segment];
      } else {
        break;
      }
    }
    // An empty value (`owner:`) has no node of its own: point at its key.
    const value = node as YamlNode;
    if (target === 'key' && key) return this.positionOfNode(key);
    return this.positionOfNode(value?.range ? value : key);
  }

  private deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private positionOfNode(node: YamlNode): Position {
    return this.positionAt(node?.range?.[0] ?? 0);
  }

  private positionAt(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}
