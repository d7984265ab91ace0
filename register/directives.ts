/**
 * What the comments of a source file say to assume-lint: annotations (`// @assumes A-<slug> -- why`) and
 * suppressions of assume rules (`eslint-disable*` naming an `assume/*` rule, or `// assume-ignore <rule>`),
 * with the assumption each cites. Pure functions over comments, shared by the ESLint rule
 * `require-assumption-for-disable` (comments from ESLint) and `assume check` (comments from extractComments).
 */
import { ASSUMPTION_ID_IN_TEXT, type SuppressionKind } from './types.js';

/** The part of a comment these functions need (ESLint's comment tokens have it, with `loc`). */
export interface CommentLike {
  type: 'Line' | 'Block' | 'Shebang';
  value: string;
  /** 1-based line of the comment start. */
  line: number;
  /** 1-based line of the comment end (defaults to `line`). */
  endLine?: number;
  /** Whether code precedes the comment on its first line. */
  trailing?: boolean;
}

/** `// @assumes A-<slug> -- why`: the code below relies on the assumption. */
export interface Annotation {
  line: number;
  /** The cited id, or undefined when the `@assumes` tag names none (malformed). */
  id: string | undefined;
  /** What was written after `@assumes` (for messages). */
  raw: string;
  reason: string;
}

/** A suppression comment that silences one or more assume rules. */
export interface Suppression {
  kind: SuppressionKind;
  line: number;
  /** Lines covered: [first, last]; last null = to the end of the file (or the matching eslint-enable). */
  appliesTo: [number, number | null];
  /** The assume rules it names, with the prefix (`assume/no-unbounded-parse`), or `['*']` for a blanket disable. */
  rules: string[];
  /** The first assumption id in the description after `--`, if any. */
  assumption: string | undefined;
  /** The description after `--` (without the id). */
  reason: string;
}

export interface DirectiveOptions {
  /** Rule prefixes that make an eslint-disable an assume suppression. Default `['assume/']`. */
  prefixes?: readonly string[];
  /** Treat a disable that names no rule (it silences every rule, assume's too) as a suppression. Default false. */
  checkBlanketDisables?: boolean;
}

const ESLINT_DIRECTIVE = /^\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?=\s|$)([\s\S]*)$/;
const ASSUME_IGNORE = /^\s*assume-ignore(?=\s|$)([\s\S]*)$/;
const ASSUMES_TAG = /(?:^|[\s*])@assumes(?=\s|$)([^\n]*)/;
/** ESLint's separator between the rule list and the description. */
const DESCRIPTION_SEPARATOR = /\s-{2,}\s/;

function splitDescription(rest: string): { list: string; description: string } {
  const match = DESCRIPTION_SEPARATOR.exec(rest);
  if (!match) return { list: rest.trim(), description: '' };
  return { list: rest.slice(0, match.index).trim(), description: rest.slice(match.index + match[0].length).trim() };
}

function citationOf(description: string): { assumption: string | undefined; reason: string } {
  const match = ASSUMPTION_ID_IN_TEXT.exec(description);
  if (!match) return { assumption: undefined, reason: description };
  const reason = (description.slice(0, match.index) + description.slice(match.index + match[0].length)).replace(/^[\s:,.;-]+/, '').trim();
  return { assumption: match[0], reason };
}

function ruleList(list: string): string[] {
  return list
    .split(',')
    .map((rule) => rule.trim())
    .filter((rule) => rule.length > 0);
}

/**
 * The annotation in a comment, if it has an `@assumes` tag outside inline code: a tag quoted in backticks
 * (documentation showing the syntax, as in this comment) is not an annotation.
 */
export function parseAnnotation(comment: CommentLike): Annotation | undefined {
  if (comment.type === 'Shebang') return undefined;
  const masked = comment.value.replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));
  const match = ASSUMES_TAG.exec(masked);
  if (!match) return undefined;
  const start = match.index + match[0].length - match[1].length;
  const raw = comment.value.slice(start, start + match[1].length).trim();
  const { list, description } = splitDescription(` ${raw} `);
  const first = list.split(/\s+/)[0] ?? '';
  const id = /^A-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(first) ? first : undefined;
  return { line: comment.line, id, raw, reason: description };
}

/**
 * The suppression in a comment, if it silences an assume rule (or, with `checkBlanketDisables`, every
 * rule). `eslint-disable` counts only in block comments, `-line`/`-next-line` in both, as in ESLint.
 */
export function parseSuppression(comment: CommentLike, options: DirectiveOptions = {}): Suppression | undefined {
  if (comment.type === 'Shebang') return undefined;
  const prefixes = options.prefixes ?? ['assume/'];
  const endLine = comment.endLine ?? comment.line;
  const ignore = ASSUME_IGNORE.exec(comment.value);
  if (ignore) {
    const { list, description } = splitDescription(`${ignore[1]} `);
    const rules = ruleList(list).map((rule) => (prefixes.some((p) => rule.startsWith(p)) ? rule : `${prefixes[0] ?? 'assume/'}${rule}`));
    const target = comment.trailing ? comment.line : endLine + 1;
    return { kind: 'assume-ignore', line: comment.line, appliesTo: [target, target], rules: rules.length > 0 ? rules : ['*'], ...citationOf(description) };
  }
  const match = ESLINT_DIRECTIVE.exec(comment.value);
  if (!match) return undefined;
  const kind = match[1] as SuppressionKind | 'eslint-enable';
  if (kind === 'eslint-enable') return undefined;
  if (kind === 'eslint-disable' && comment.type !== 'Block') return undefined;
  const { list, description } = splitDescription(`${match[2]} `);
  const all = ruleList(list);
  let rules: string[];
  if (all.length === 0) {
    if (!options.checkBlanketDisables) return undefined;
    rules = ['*'];
  } else {
    rules = all.filter((rule) => prefixes.some((p) => rule.startsWith(p)));
    if (rules.length === 0) return undefined;
  }
  const appliesTo: [number, number | null] =
    kind === 'eslint-disable-line' ? [comment.line, comment.line] : kind === 'eslint-disable-next-line' ? [endLine + 1, endLine + 1] : [comment.line, null];
  return { kind, line: comment.line, appliesTo, rules, ...citationOf(description) };
}

/** The rules an `eslint-enable` comment re-enables (`['*']` for all), or undefined if it is not one. */
function parseEnable(comment: CommentLike): string[] | undefined {
  if (comment.type !== 'Block') return undefined;
  const match = ESLINT_DIRECTIVE.exec(comment.value);
  if (match?.[1] !== 'eslint-enable') return undefined;
  const rules = ruleList(splitDescription(`${match[2]} `).list);
  return rules.length > 0 ? rules : ['*'];
}

export interface FileDirectives {
  annotations: Annotation[];
  suppressions: Suppression[];
}

/** All annotations and suppressions of a file's comments (in source order). One pass over the comments. */
export function directivesOf(comments: readonly CommentLike[], options: DirectiveOptions = {}): FileDirectives {
  const annotations: Annotation[] = [];
  const suppressions: Suppression[] = [];
  /** File-wide disables still open, to close at a matching eslint-enable. */
  const open: Suppression[] = [];
  for (const comment of comments) {
    const enabled = parseEnable(comment);
    if (enabled) {
      for (let k = open.length - 1; k >= 0; k--) {
        const s = open[k];
        if (enabled.includes('*') || s.rules.some((rule) => enabled.includes(rule))) {
          s.appliesTo = [s.appliesTo[0], comment.line];
          open.splice(k, 1);
        }
      }
      continue;
    }
    const suppression = parseSuppression(comment, options);
    if (suppression) {
      suppressions.push(suppression);
      if (suppression.kind === 'eslint-disable') open.push(suppression);
      continue;
    }
    const annotation = parseAnnotation(comment);
    if (annotation) annotations.push(annotation);
  }
  return { annotations, suppressions };
}

/** A suppression that cites no assumption: what `require-assumption-for-disable` reports. */
export interface UncitedSuppression<C extends CommentLike = CommentLike> {
  comment: C;
  suppression: Suppression;
}

/**
 * The suppressions among `comments` that silence an assume rule without citing an assumption
 * (`-- A-<slug>`). Pure; one pass. Whether a cited id exists is `assume check`'s job (it reads the register).
 */
export function uncitedSuppressions<C extends CommentLike>(comments: readonly C[], options: DirectiveOptions = {}): UncitedSuppression<C>[] {
  const out: UncitedSuppression<C>[] = [];
  for (const comment of comments) {
    const suppression = parseSuppression(comment, options);
    if (suppression && suppression.assumption === undefined) out.push({ comment, suppression });
  }
  return out;
}
