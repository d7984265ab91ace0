/**
 * SQL text as code, for `no-wall-clock-at-boundary`: where a bound parameter lands in a query (compared in a
 * WHERE / ON CONFLICT ... WHERE, written to a column) and which columns a file's queries order by or compare.
 */
import { wordsOf } from './no-wall-clock-at-boundary-names.js';

const SQL_START = /^\s*(?:select|insert|update|delete|with|merge|upsert|replace)\b/i;
const SQL_ANYWHERE = /\b(?:select\s[\s\S]*\bfrom|insert\s+into|update\s+[\w."`]+\s+set|delete\s+from)\b/i;

/** Does a string look like SQL (not a log line that mentions "update")? */
export function isSql(text: string): boolean {
  return SQL_START.test(text) || SQL_ANYWHERE.test(text);
}

/** A normalized field/column name: words joined with `_` (`expiresAt` and `expires_at` are the same field). */
export function fieldKey(name: string): string {
  return wordsOf(name).join('_');
}

export interface PlaceholderUse {
  /** The placeholder sits next to a comparison operator (`col < $1`, `$1 > col`, `BETWEEN $1 AND $2`). */
  compared: boolean;
  /** The column the placeholder is written to or matched against (`SET col = $1`, `INSERT (col) VALUES ($1)`). */
  column?: string;
}

/** Offsets of the positional placeholder for parameter `index` (0-based): `$n` (pg) or the n-th `?` (mysql, knex). */
export function placeholderOffsets(sql: string, index: number): { offset: number; length: number }[] {
  const out: { offset: number; length: number }[] = [];
  const dollar = new RegExp(`\\$${index + 1}(?!\\d)`, 'g');
  for (let m = dollar.exec(sql); m; m = dollar.exec(sql)) out.push({ offset: m.index, length: m[0].length });
  if (out.length > 0) return out;
  let seen = 0;
  for (let i = 0; i < sql.length; i++) {
    if (sql[i] !== '?') continue;
    if (sql[i + 1] === '?') {
      i++; // knex `??` identifier binding counts as a binding too
      if (seen === index) return out;
      seen++;
      continue;
    }
    if (seen === index) {
      out.push({ offset: i, length: 1 });
      return out;
    }
    seen++;
  }
  return out;
}

/** Offsets of a named placeholder (`:name`, `@name`, `$name`). */
export function namedPlaceholderOffsets(sql: string, name: string): { offset: number; length: number }[] {
  const out: { offset: number; length: number }[] = [];
  const escaped = name.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
  const re = new RegExp(`[:@$]${escaped}(?![\\w])`, 'g');
  for (let m = re.exec(sql); m; m = re.exec(sql)) out.push({ offset: m.index, length: m[0].length });
  return out;
}

const BEFORE_COMPARE = /(?<![<>!])(?:<=|>=|<|>)\s*(?:\(\s*)?$/;
const AFTER_COMPARE = /^\s*(?:::\s*[\w ]+?)?\s*\)?\s*(?:<=|>=|<(?!>)|>)/;
const COLUMN_BEFORE_COMPARE = /([A-Za-z_][\w.]*)"?\s*(?:<=|>=|<|>)\s*(?:\(\s*)?$/;
const COLUMN_AFTER_COMPARE = /^\s*(?:::\s*[\w ]+?)?\s*\)?\s*(?:<=|>=|<(?!>)|>)\s*"?([A-Za-z_][\w.]*)/;
const BETWEEN = /\bbetween\s+(?:\S+\s+and\s+)?$/i;
const COLUMN_EQ = /([A-Za-z_][\w]*)"?\s*=\s*(?:\(\s*)?$/;

/** How a placeholder at `offset` is used in `sql`. */
export function placeholderUse(sql: string, at: { offset: number; length: number }): PlaceholderUse {
  const before = sql.slice(Math.max(0, at.offset - 80), at.offset);
  const after = sql.slice(at.offset + at.length, at.offset + at.length + 40);
  // Cassandra `USING TIMESTAMP ?`: the write-time that last-write-wins compares.
  if (/\busing\s+timestamp\s*$/i.test(before)) return { compared: true, column: 'timestamp' };
  const compared = BEFORE_COMPARE.test(before) || AFTER_COMPARE.test(after) || BETWEEN.test(before);
  if (compared) {
    const col = COLUMN_BEFORE_COMPARE.exec(before)?.[1] ?? COLUMN_AFTER_COMPARE.exec(after)?.[1];
    if (col && !/^(?:now|current_timestamp|excluded)$/i.test(col)) return { compared, column: lastSegment(col) };
    return { compared };
  }
  const eq = COLUMN_EQ.exec(before);
  if (eq) return { compared, column: eq[1] };
  return { compared, column: insertColumn(sql, at.offset) };
}

const INSERT = /insert\s+into\s+[\w."`]+\s*\(([^)]*)\)\s*values\s*\(/gi;

/** The column of an `INSERT INTO t (a, b) VALUES ($1, $2)` whose value list holds `offset`. */
function insertColumn(sql: string, offset: number): string | undefined {
  INSERT.lastIndex = 0;
  for (let m = INSERT.exec(sql); m; m = INSERT.exec(sql)) {
    const start = m.index + m[0].length;
    if (offset < start) continue;
    const columns = m[1].split(',').map((c) => c.trim().replace(/["`]/g, ''));
    let depth = 0;
    let item = 0;
    for (let i = start; i < sql.length; i++) {
      const ch = sql[i];
      if (i === offset) return columns[item];
      if (ch === '(') depth++;
      else if (ch === ')') {
        if (depth === 0) break;
        depth--;
      } else if (ch === ',' && depth === 0) item++;
    }
  }
  return undefined;
}

const ORDER_BY = /\border\s+by\s+([^;)]*?)(?=\blimit\b|\boffset\b|\bfor\b|\)|;|$)/gi;
const COMPARED_LEFT = /([A-Za-z_][\w.]*)\s*(?:<=|>=|<(?!>)|(?<!<|-)>)/g;
const COMPARED_RIGHT = /(?<![<>!])(?:<=|>=|<|>)\s*([A-Za-z_][\w.]*)/g;

/** Columns a query orders by or compares with something (`ORDER BY seq`, `WHERE expires_at < now()`). */
export function orderedColumns(sql: string): string[] {
  const out: string[] = [];
  ORDER_BY.lastIndex = 0;
  for (let m = ORDER_BY.exec(sql); m; m = ORDER_BY.exec(sql)) {
    for (const part of m[1].split(',')) {
      const col = /([A-Za-z_][\w.]*)/.exec(part.trim());
      if (col) out.push(lastSegment(col[1]));
    }
  }
  for (const re of [COMPARED_LEFT, COMPARED_RIGHT]) {
    re.lastIndex = 0;
    for (let m = re.exec(sql); m; m = re.exec(sql)) {
      const col = lastSegment(m[1]);
      if (!/^(?:now|current_timestamp|and|or|not|null|select|excluded)$/i.test(col)) out.push(col);
    }
  }
  return out;
}

function lastSegment(name: string): string {
  const i = name.lastIndexOf('.');
  return i >= 0 ? name.slice(i + 1) : name;
}
