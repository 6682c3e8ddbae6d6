// Result rows and the table printed at the end of a benchmark run.

export interface Row {
  /** Stable id, e.g. `backlog.10000.wall`. */
  id: string;
  /** Which SPEC target (or context figure) the row measures. */
  target: string;
  /** Measured figure, human readable. */
  measured: string;
  /** The limit it is held to, human readable ('' for context figures). */
  limit: string;
  /** true / false against the limit; null for context figures (no limit). */
  pass: boolean | null;
  /** Main number, machine readable (unit in `unit`). */
  value?: number;
  unit?: string;
  /** Everything else measured for this row (per-run figures, breakdowns). */
  details?: Record<string, unknown>;
}

export interface Section {
  name: string;
  rows: Row[];
  /** Extra figures of the section for the JSON file. */
  details?: Record<string, unknown>;
  /** Extra text printed under the table (e.g. a cold-start profile). */
  notes?: string[];
}

const verdict = (p: boolean | null): string => (p === null ? 'info' : p ? 'PASS' : 'FAIL');

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    const words = para
      .split(' ')
      .flatMap((w) =>
        w.length <= width ? [w] : (w.match(new RegExp(`.{1,${width}}`, 'g')) ?? []),
      );
    for (const word of words) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** A plain-text table (wrapped cells) of every row, grouped by section. */
export function renderTable(sections: Section[]): string {
  const widths = [50, 34, 34, 6];
  const header = ['target', 'measured', 'limit', 'result'];
  const sep = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' | ')} |`;
  const out = [sep, line(header), sep.replace(/-/g, '=')];
  for (const s of sections) {
    if (s.rows.length === 0) continue;
    out.push(line([`[${s.name}]`, '', '', '']));
    for (const r of s.rows) {
      const cols = [r.target, r.measured, r.limit, verdict(r.pass)].map((c, i) =>
        wrap(c, widths[i] ?? 10),
      );
      const height = Math.max(...cols.map((c) => c.length));
      for (let k = 0; k < height; k++) out.push(line(cols.map((c) => c[k] ?? '')));
    }
    out.push(sep);
  }
  return out.join('\n');
}

/** The same rows as a markdown table (for docs/benchmarks.md). */
export function renderMarkdown(sections: Section[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  const out = ['| target | measured | limit | result |', '|---|---|---|---|'];
  for (const s of sections) {
    for (const r of s.rows)
      out.push(`| ${esc(r.target)} | ${esc(r.measured)} | ${esc(r.limit)} | ${verdict(r.pass)} |`);
  }
  return out.join('\n');
}
