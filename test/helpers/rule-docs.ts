/** A heading of a markdown document (outside code fences). */
export interface DocHeading {
  level: number;
  text: string;
  /** 1-based line of the heading. */
  line: number;
}

/** A fenced code block of a markdown document. */
export interface CodeBlock {
  lang: string;
  code: string;
  /** 1-based line of the first line of code (the line after the opening fence). */
  line: number;
  /** The headings this block sits under: `##` and `###` titles, undefined when none. */
  section: string | undefined;
  subsection: string | undefined;
}

/** An example of a rule page: a fenced ts/js block under `### ❌ Incorrect` or `### ✅ Correct`. */
export interface DocExample {
  kind: 'incorrect' | 'correct';
  lang: 'ts' | 'js';
  code: string;
  line: number;
  /** 1-based index among the examples of the same kind. */
  index: number;
}

export interface ParsedDoc {
  headings: DocHeading[];
  blocks: CodeBlock[];
  /** The lines of the document (for section bodies). */
  lines: string[];
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*).*$/;

/** Headings and fenced code blocks of a markdown text (CommonMark fences; headings inside fences ignored). */
export function parseMarkdown(text: string): ParsedDoc {
  const lines = text.split(/\r?\n/);
  const headings: DocHeading[] = [];
  const blocks: CodeBlock[] = [];
  let section: string | undefined;
  let subsection: string | undefined;
  let open: { fence: string; lang: string; start: number; body: string[] } | undefined;

  lines.forEach((line, i) => {
    if (open) {
      const trimmed = line.trim();
      if (/^(`{3,}|~{3,})$/.test(trimmed) && trimmed.startsWith(open.fence.slice(0, 1)) && trimmed.length >= open.fence.length) {
        blocks.push({ lang: open.lang, code: open.body.join('\n') + '\n', line: open.start, section, subsection });
        open = undefined;
      } else {
        open.body.push(line);
      }
      return;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      open = { fence: fence[2], lang: fence[3].toLowerCase(), start: i + 2, body: [] };
      return;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      const title = heading[2];
      headings.push({ level, text: title, line: i + 1 });
      if (level <= 2) {
        section = title;
        subsection = undefined;
      } else if (level === 3) {
        subsection = title;
      }
    }
  });
  if (open) throw new Error(`unclosed code fence opened on line ${open.start - 1}`);
  return { headings, blocks, lines };
}

/** The sections every rule page has, in this order (design: what, why, examples, options, when not). */
export const REQUIRED_SECTIONS = ['Rule details', 'Why', 'Examples', 'Options', 'When not to use it'] as const;
export const INCORRECT_HEADING = '❌ Incorrect';
export const CORRECT_HEADING = '✅ Correct';

/** Maps a fence language to the file type an example is linted as, or undefined for other languages. */
export function exampleLang(lang: string): 'ts' | 'js' | undefined {
  if (lang === 'ts' || lang === 'typescript') return 'ts';
  if (lang === 'js' || lang === 'javascript') return 'js';
  return undefined;
}

/** The ❌ and ✅ examples of a rule page, numbered per kind in document order. */
export function ruleExamples(doc: ParsedDoc): DocExample[] {
  const counts = { incorrect: 0, correct: 0 };
  const examples: DocExample[] = [];
  for (const block of doc.blocks) {
    if (block.section !== 'Examples') continue;
    const kind = block.subsection === INCORRECT_HEADING ? 'incorrect' : block.subsection === CORRECT_HEADING ? 'correct' : undefined;
    const lang = exampleLang(block.lang);
    if (!kind || !lang) continue;
    counts[kind] += 1;
    examples.push({ kind, lang, code: block.code, line: block.line, index: counts[kind] });
  }
  return examples;
}

/** The text between a `##` heading and the next heading of level <= 2 (excluding both), trimmed. */
export function sectionBody(doc: ParsedDoc, title: string): string | undefined {
  const at = doc.headings.findIndex((h) => h.level === 2 && h.text === title);
  if (at < 0) return undefined;
  const start = doc.headings[at].line;
  const next = doc.headings.slice(at + 1).find((h) => h.level <= 2);
  const end = next ? next.line - 1 : doc.lines.length;
  return doc.lines.slice(start, end).join('\n').trim();
}
