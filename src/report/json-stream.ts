// The JSON report, streamed: the same text as `JSON.stringify(buildJsonReport(model), null, 2)`
// (a test compares them byte for byte) without ever holding the whole report or its text —
// at 100,000 issues that text is ~56 MB, and a redacted copy of it as much again. The large
// arrays are written element by element; each piece of text is redacted whole, so a secret
// (which can only be inside a string value) is never split between two pieces.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { ReportModel } from '../types.js';
import { jsonReportParts, LazyArray } from './json.js';

/** Writes a piece of the report text (pieces are appended in order). */
export type TextSink = (text: string) => void;

// `JSON.stringify(value, null, 2)` of a value nested `depth` levels deep. A newline in the
// output is always between tokens (strings escape theirs), so re-indenting is safe.
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 ? text : text.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * Elements of a large array are written in batches of this many: one JSON.stringify and one
 * `transform` per batch instead of per element (at 10,000 issues, ~27,000 elements). A batch
 * of findings is ~100 KB of text, so the report is still never held whole.
 */
export const ELEMENTS_PER_PIECE = 256;

// `JSON.stringify(batch, null, 2)`'s elements, as written two levels deep (the report's large
// arrays): JSON.stringify indents them itself when the batch is wrapped in one more array, and
// the wrappers' own text — a fixed '[\n  [\n    ' and '\n  ]\n]' — is sliced off. Elements are
// separated by ',\n    ', as in the whole report's text.
function elementsAtDepth2(batch: unknown[]): string {
  return JSON.stringify([batch], null, 2).slice(10, -6);
}

/**
 * Streams the report to `sink`, each piece passed through `transform` (the redaction) first.
 * Ends with a newline, as the report file always has.
 */
export function streamJsonReport(
  model: ReportModel,
  sink: TextSink,
  transform: (text: string) => string = (t) => t,
): void {
  const out = (text: string): void => sink(transform(text));
  // Keys are JSON-quoted as JSON.stringify does; `undefined` fields are left out as it does.
  const entries = Object.entries(jsonReportParts(model)).filter(([, v]) => v !== undefined);
  sink('{');
  entries.forEach(([key, value], index) => {
    const head = `${index === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (value instanceof LazyArray) {
      let first = true;
      let batch: unknown[] = [];
      const flush = (): void => {
        out(`${first ? `${head}[` : ','}\n    ${elementsAtDepth2(batch)}`);
        first = false;
        batch = [];
      };
      (value as LazyArray<unknown>).forEach((element) => {
        batch.push(element);
        if (batch.length === ELEMENTS_PER_PIECE) flush();
      });
      if (batch.length > 0) flush();
      out(first ? `${head}[]` : '\n  ]');
    } else {
      out(`${head}${nested(value, 1)}`);
    }
  });
  sink('\n}\n');
}

const CHUNK = 64 * 1024;

/** `fs.writeSync`'s two forms that `writeAll` uses (a test passes one that writes less). */
export interface WriteSync {
  (fd: number, text: string): number;
  (fd: number, bytes: Uint8Array, offset: number, length: number): number;
}

/**
 * The text as is (Node encodes it without a Buffer of ours); writeSync may write less than
 * asked: then the rest, as bytes, until all of it is written.
 */
export function writeAll(fd: number, text: string, write: WriteSync = writeSync): void {
  let done = write(fd, text);
  const size = Buffer.byteLength(text);
  if (done === size) return;
  const bytes = Buffer.from(text);
  while (done < size) done += write(fd, bytes, done, size - done);
}

/**
 * Writes the report to `file` through a buffer of 64 KB. It is written beside the file first
 * and renamed into place at the end, so a failure while writing (a full disk) throws and
 * leaves no truncated report behind.
 */
export function writeJsonReportFile(
  file: string,
  model: ReportModel,
  transform: (text: string) => string = (t) => t,
  io: { write: (fd: number, text: string) => void } = { write: writeAll },
): void {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let closed = false;
  try {
    let buffer = '';
    streamJsonReport(
      model,
      (text) => {
        buffer += text;
        if (buffer.length >= CHUNK) {
          io.write(fd, buffer);
          buffer = '';
        }
      },
      transform,
    );
    if (buffer) io.write(fd, buffer);
    closeSync(fd);
    closed = true;
    renameSync(partial, file);
  } catch (err) {
    if (!closed) closeSync(fd);
    rmSync(partial, { force: true });
    throw err;
  }
}
