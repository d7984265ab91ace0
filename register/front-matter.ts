/**
 * YAML front matter of the register's Markdown files, with the line of every key so findings point at
 * the field at fault. YAML 1.2 core schema: `yes`, `no` and dates stay strings, as written.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

export interface FrontMatter {
  /** The parsed value (usually an object); undefined when there is no front matter. */
  data: unknown;
  /** Line (1-based) of a key path in the file, or of the front matter's first line when not found. */
  lineOf(path: readonly (string | number)[]): number;
  /** The Markdown after the front matter. */
  body: string;
  /** 1-based line where the front matter starts (the opening `---`), 0 when there is none. */
  startLine: number;
  /** A YAML syntax error, with its line. */
  error?: { message: string; line: number };
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits and parses the front matter of a Markdown file. */
export function parseFrontMatter(text: string): FrontMatter {
  const open = OPENING.exec(text);
  if (!open) return { data: undefined, lineOf: () => 1, body: text, startLine: 0 };
  const rest = text.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) {
    return {
      data: undefined,
      lineOf: () => 1,
      body: text,
      startLine: 1,
      error: { message: 'The front matter opened by `---` on line 1 is never closed by a `---` line.', line: 1 },
    };
  }
  const yamlText = rest.slice(0, close.index);
  const afterClose = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  // Line 1 is `---`, so YAML line n is file line n + 1.
  const toFileLine = (offset: number): number => lineCounter.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    return {
      data: undefined,
      lineOf: () => 1,
      body: afterClose,
      startLine: 1,
      error: { message: first.message.split('\n')[0], line: toFileLine(first.pos[0]) },
    };
  }
  return {
    data: doc.toJS() as unknown,
    lineOf: (path) => lineOfPath(doc, path, toFileLine),
    body: afterClose,
    startLine: 1,
  };
}

function lineOfPath(doc: Document, path: readonly (string | number)[], toFileLine: (offset: number) => number): number {
  let node: unknown = doc.contents;
  let line = 1;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === step);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) line = toFileLine(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      if (item.range) line = toFileLine(item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return line;
}
