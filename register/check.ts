/**
 * The register checks of `assume check`: the assumption files, the threat-model checklist, the rollback
 * plans, the README index, and what the code's comments cite. `checkRegisterInput` is pure (texts in,
 * findings out); `checkRegister` reads the files first (see load.ts).
 */
import { dayNumber, intervalDays, parseAssumption, relatedIds, type Problem } from './assumption.js';
import { checkChecklist, type Citation } from './checklist.js';
import { directivesOf, type DirectiveOptions } from './directives.js';
import { extractComments } from './comments.js';
import { isIndexFresh, renderIndex, findIndex } from './index-doc.js';
import { loadRegisterInput, type LoadOptions } from './load.js';
import { checkRollbackPlan } from './rollback.js';
import type { Assumption, RegisterFinding, RegisterRuleId, Severity, Waiver } from './types.js';

/** A text file of the project, path POSIX and relative to the working directory. */
export interface TextFile {
  file: string;
  text: string;
}

/** Everything the register checks look at, already read. */
export interface RegisterInput {
  /** `docs/assumptions/*.md` except the README. */
  assumptionFiles: TextFile[];
  /** The register README (holds the generated index); undefined when absent. */
  readme?: TextFile;
  /** The threat-model checklist; undefined when absent. */
  checklist?: TextFile;
  /** `docs/rollback/*.md` except the README. */
  rollbackFiles: TextFile[];
  /** Source files whose comments are checked (annotations, suppressions). */
  sources: TextFile[];
}

export interface RegisterResult {
  findings: RegisterFinding[];
  /** Suppressions that cite an assumption: hidden findings, listed in every report. */
  waived: Waiver[];
  /** The assumptions read (valid ids only), sorted by id. */
  assumptions: Assumption[];
}

export interface CheckOptions {
  /** Today as `YYYY-MM-DD` (UTC); review dates are compared to it. */
  today: string;
  directives?: DirectiveOptions;
}

const SEVERITY: Readonly<Record<RegisterRuleId, Severity>> = {
  'register/schema': 'error',
  'register/duplicate-id': 'error',
  'register/review-overdue': 'warning',
  'register/unchecked': 'error',
  'annotation/unknown-id': 'error',
  'annotation/retired-id': 'error',
  'suppression/missing-assumption': 'error',
  'suppression/unused': 'warning',
  'checklist/unanswered': 'error',
  'rollback/trigger-not-measurable': 'error',
  'index/stale': 'error',
};

/** Default severity of a register check (issue 3's rule levels may override it). */
export function severityOf(ruleId: RegisterRuleId): Severity {
  return SEVERITY[ruleId];
}

function basenameId(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(/\.md$/i, '');
}

/** Runs every register check over texts already read. Pure and deterministic. */
export function checkRegisterInput(input: RegisterInput, options: CheckOptions): RegisterResult {
  const findings: RegisterFinding[] = [];
  const waived: Waiver[] = [];
  const add = (file: string, problem: Problem, column = 1): void => {
    findings.push({ ruleId: problem.ruleId, severity: SEVERITY[problem.ruleId], message: problem.message, file, line: problem.line, column });
  };
  const today = dayNumber(options.today);

  // Assumption files.
  const assumptions: Assumption[] = [];
  const related: { file: string; citation: Citation }[] = [];
  for (const { file, text } of input.assumptionFiles) {
    const parsed = parseAssumption(text, basenameId(file));
    for (const problem of parsed.problems) add(file, problem);
    for (const citation of relatedIds(text)) related.push({ file, citation });
    const a = parsed.assumption;
    if (!a) continue;
    a.file = file;
    assumptions.push(a);
    if (a.status !== 'active') continue;
    if (a.checkedBy.length === 0) {
      add(file, { ruleId: 'register/unchecked', message: `${a.id} is active but nothing checks it: add a "checked_by" entry (test, monitor, review or type, with a ref).`, line: a.line });
    }
    const last = a.review?.last === undefined ? undefined : dayNumber(a.review.last);
    const every = a.review?.every === undefined ? undefined : intervalDays(a.review.every);
    if (today !== undefined && last !== undefined && every !== undefined && today > last + every) {
      const due = new Date((last + every) * 86_400_000).toISOString().slice(0, 10);
      add(file, { ruleId: 'register/review-overdue', message: `${a.id} was due for review on ${due} (last reviewed ${a.review?.last ?? ''}, every ${a.review?.every ?? ''}): review it and update review.last, or retire it.`, line: a.line });
    }
  }
  assumptions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.file < b.file ? -1 : 1));

  // Duplicate ids: the first file (by path) keeps the id, the others are reported.
  const byId = new Map<string, Assumption[]>();
  for (const a of assumptions) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    // The file named after the id keeps it; among the others, the first by path.
    const rank = (a: Assumption): string => `${basenameId(a.file) === id ? 0 : 1}${a.file}`;
    const [first, ...rest] = [...group].sort((a, b) => (rank(a) < rank(b) ? -1 : 1));
    for (const dup of rest) add(dup.file, { ruleId: 'register/duplicate-id', message: `${id} is also declared in ${first.file}: ids must be unique (rename one and its file).`, line: dup.line });
  }
  const registered = new Map<string, Assumption>();
  for (const a of assumptions) if (!registered.has(a.id)) registered.set(a.id, a);

  /** Reports a citation of an unknown, or (when `mustBeActive`) a no-longer-active assumption. */
  const cite = (file: string, line: number, id: string, what: string, mustBeActive: boolean, column = 1): void => {
    const a = registered.get(id);
    if (!a) {
      add(file, { ruleId: 'annotation/unknown-id', message: `${what} cites ${id}, which is not in the register: add it (assume add) or fix the id.`, line }, column);
      return;
    }
    if (mustBeActive && a.status !== 'active') {
      const tail = a.status === 'superseded' && a.supersededBy ? `; cite ${a.supersededBy} instead` : a.status === 'violated' ? '; the code relies on something known to be false' : '';
      add(file, { ruleId: 'annotation/retired-id', message: `${what} relies on ${id}, which is ${a.status}${tail}.`, line }, column);
    }
  };
  for (const { file, citation } of related) cite(file, citation.line, citation.id, 'The "related" list', false);

  // README index.
  if (input.readme) {
    const block = renderIndex(assumptions.filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i));
    const fresh = isIndexFresh(input.readme.text, block);
    if (fresh === undefined) {
      add(input.readme.file, { ruleId: 'index/stale', message: 'The register README has no index markers (`<!-- assume:index -->` ... `<!-- /assume:index -->`): add them and run `assume index`.', line: 1 });
    } else if (!fresh) {
      add(input.readme.file, { ruleId: 'index/stale', message: 'The assumption index is out of date: run `assume index`.', line: findIndex(input.readme.text)?.line ?? 1 });
    }
  }

  // Checklist.
  if (input.checklist) {
    const { problems, citations } = checkChecklist(input.checklist.text);
    for (const problem of problems) add(input.checklist.file, problem);
    for (const c of citations) cite(input.checklist.file, c.line, c.id, 'The checklist', true);
  }

  // Rollback plans.
  for (const { file, text } of input.rollbackFiles) for (const problem of checkRollbackPlan(text)) add(file, problem);

  // Code: annotations and suppressions.
  for (const { file, text } of input.sources) {
    const comments = extractComments(text);
    const { annotations, suppressions } = directivesOf(comments, options.directives);
    const columnOf = (line: number): number => comments.find((c) => c.line === line)?.column ?? 1;
    for (const annotation of annotations) {
      if (annotation.id === undefined) {
        add(file, { ruleId: 'annotation/unknown-id', message: `\`@assumes ${annotation.raw}\` names no assumption id: write \`@assumes A-<slug> -- why\`.`, line: annotation.line }, columnOf(annotation.line));
      } else {
        cite(file, annotation.line, annotation.id, `\`@assumes ${annotation.id}\``, true, columnOf(annotation.line));
      }
    }
    for (const s of suppressions) {
      const rules = s.rules.join(', ');
      if (s.assumption === undefined) {
        add(file, { ruleId: 'suppression/missing-assumption', message: `This ${s.kind} of ${rules === '*' ? 'every rule' : rules} cites no assumption: add \`-- A-<slug> why\`, so the waiver is a recorded decision.`, line: s.line }, columnOf(s.line));
        continue;
      }
      cite(file, s.line, s.assumption, `The ${s.kind} of ${rules}`, true, columnOf(s.line));
      waived.push({ file, line: s.line, appliesTo: s.appliesTo, rules: s.rules, assumption: s.assumption, reason: s.reason, kind: s.kind });
    }
  }

  findings.sort(compareFindings);
  waived.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { findings, waived, assumptions };
}

/** Deterministic order: file, line, column, rule. */
export function compareFindings(a: RegisterFinding, b: RegisterFinding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

export interface CheckRegisterOptions extends LoadOptions {
  /** Today as `YYYY-MM-DD`; defaults to the current UTC date. */
  today?: string;
  directives?: DirectiveOptions;
}

/** Reads the register and the given source files (or every source file under `cwd`) and checks them. */
export function checkRegister(options: CheckRegisterOptions): RegisterResult {
  const input = loadRegisterInput(options);
  // Review dates are calendar days; the reading is display-grade, not a correctness boundary.
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return checkRegisterInput(input, { today, directives: options.directives });
}
