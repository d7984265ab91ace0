/**
 * Comments of a JavaScript or TypeScript source, without a parser: a single pass that skips strings,
 * template literals (with nested `${}`) and regular expression literals, so `"// not a comment"` is not
 * one. Fast enough to run over every file of a repository; the ESLint rule gets its comments from ESLint.
 */

/** A comment in the shape ESLint uses: `value` excludes the delimiters. */
export interface SourceComment {
  type: 'Line' | 'Block';
  value: string;
  /** 1-based line of the comment start. */
  line: number;
  /** 1-based column of the comment start. */
  column: number;
  /** 1-based line of the comment end. */
  endLine: number;
  /** Whether code precedes the comment on its first line (`foo(); // ...`). */
  trailing: boolean;
}

/** Keywords after which a `/` starts a regular expression, not a division. */
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** Extracts the comments of a source text. */
export function extractComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  let line = 1;
  let lineStart = 0;
  let codeOnLine = false;
  /** Whether a `/` here would start a regex (no value precedes it). */
  let regexAllowed = true;
  /** Stack of open template literals: the brace depth at which each `${` was opened. */
  const templateStack: number[] = [];
  let braceDepth = 0;
  let i = 0;
  const n = text.length;

  const newline = (at: number): void => {
    line++;
    lineStart = at + 1;
    codeOnLine = false;
  };

  /** Skips a template literal body from `i` (just after the backtick or the closing `}` of `${`). */
  const scanTemplate = (): void => {
    while (i < n) {
      const c = text[i];
      if (c === '\\') {
        if (text[i + 1] === '\n') newline(i + 1);
        i += 2;
        continue;
      }
      if (c === '`') {
        i++;
        regexAllowed = false;
        return;
      }
      if (c === '$' && text[i + 1] === '{') {
        i += 2;
        templateStack.push(braceDepth);
        braceDepth++;
        regexAllowed = true;
        return;
      }
      if (c === '\n') newline(i);
      i++;
    }
  };

  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      newline(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      let end = text.indexOf('\n', i + 2);
      if (end === -1) end = n;
      const value = text.slice(i + 2, end).replace(/\r$/, '');
      comments.push({ type: 'Line', value, line, column: i - lineStart + 1, endLine: line, trailing: codeOnLine });
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const startLine = line;
      const column = i - lineStart + 1;
      const trailing = codeOnLine;
      let end = text.indexOf('*/', i + 2);
      if (end === -1) end = n;
      for (let k = i + 2; k < end; k++) if (text[k] === '\n') newline(k);
      comments.push({ type: 'Block', value: text.slice(i + 2, end), line: startLine, column, endLine: line, trailing });
      i = Math.min(n, end + 2);
      // A block comment does not change whether a regex may follow.
      continue;
    }
    codeOnLine = true;
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      regexAllowed = false;
      continue;
    }
    if (c === '`') {
      i++;
      scanTemplate();
      continue;
    }
    if (c === '/' && regexAllowed) {
      i++;
      let inClass = false;
      while (i < n && text[i] !== '\n') {
        const r = text[i];
        if (r === '\\') {
          i += 2;
          continue;
        }
        if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        i++;
      }
      i++;
      while (i < n && /[a-z]/i.test(text[i])) i++;
      regexAllowed = false;
      continue;
    }
    if (c === '{') {
      braceDepth++;
      i++;
      regexAllowed = true;
      continue;
    }
    if (c === '}') {
      braceDepth--;
      i++;
      if (templateStack.length > 0 && templateStack[templateStack.length - 1] === braceDepth) {
        templateStack.pop();
        scanTemplate();
      } else {
        regexAllowed = true;
      }
      continue;
    }
    if (/[A-Za-z_$\d\u0080-\uFFFF]/.test(c)) {
      const start = i;
      while (i < n && /[\w$\u0080-\uFFFF]/.test(text[i])) i++;
      regexAllowed = REGEX_AFTER_WORD.has(text.slice(start, i));
      continue;
    }
    // Punctuation: a value ends with `)` or `]`; after any other operator a regex may follow.
    regexAllowed = c !== ')' && c !== ']';
    i++;
  }
  return comments;
}
