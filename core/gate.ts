import type { Catalog, Role, Specifier } from './catalog/types.js';
import { normalizeModule } from './path-pattern.js';
import { firstAtOrAfter, type Ranged } from './ranges.js';
import { fileResolver } from './resolver.js';
import type { CheckContext, Finding } from './types.js';

/**
 * Gates: a cheap test of a file's text that a checker runs before its analysis, when only the file itself is
 * analyzed and without types (the ESLint rules, untyped). Each gate is a necessary condition for a finding: a
 * rule about timeouts can report nothing in a file whose text never mentions a timeout, a timer, a race or an
 * abort; a rule about writes nothing in a file where no durable write can be named. Most files of a service
 * (utilities, repositories, clients) fail one gate or another, and the analysis they would cost, mostly
 * tracing every call, is skipped.
 *
 * A gate never decides that something is a boundary API (that is the catalog's match, by origin): it only rules
 * out files where no match is possible. The words come from the catalog the rule runs with, settings and rule
 * options included: an entry can match only where its module is named (`'pg'`, `"node:fs"`), where the global
 * it starts from is referenced as a value (`Date.now()`, not `createdAt: Date`), and where the names of its path
 * are written (`race`, `json`). An entry with no such name (a path of wildcards) opens the gate for every file.
 *
 * Not with the analyzer (a callee in another file can bring the timeout or the write) or with types (a
 * declared type can name a module the file does not import).
 */
export const gates = {
  /**
   * Tests turn this on: a file the gate would skip is analyzed anyway, and a finding there throws (the gate is
   * unsound for it) instead of being lost.
   */
  verify: false,
};

/**
 * One catalog entry's condition: every name of `names` written (each given as its alternatives), and for a
 * global's entry the global referenced (by one of the `global` names) as a value, or also as a type when the
 * entry's path goes through an instance (`#`).
 */
interface Group {
  readonly names: readonly (readonly string[])[];
  readonly global?: readonly string[];
  readonly types?: boolean;
}

/**
 * What a file must contain for a gate to open: a free-text fragment (case-insensitive), a quoted module name, or
 * all that one group asks for.
 */
export interface Vocabulary {
  readonly fragments: RegExp | null;
  readonly modules: RegExp | null;
  /** Matches a name a framework calls when it is exported (the file must also export something). */
  readonly exported: RegExp | null;
  /** Matches any name of any group (global, capturing the name). */
  readonly names: RegExp | null;
  readonly groups: readonly Group[];
  /** The gate is open for every file. */
  readonly alwaysOpen: boolean;
}

const ALWAYS_OPEN: Vocabulary = { fragments: null, modules: null, exported: null, names: null, groups: [], alwaysOpen: true };
/** `export` or `exports` (`module.exports`, `exports.handler`). */
const EXPORTS = /(?<![\w$])exports?(?![\w$])/;
const SHAPE_STEPS = new Set(['()', 'new', '#', '[]', '@']);

/** What a checker's gate is made of: the catalog roles it starts from, and its heuristics' own cues. */
export interface GateSpec {
  readonly roles: readonly Role[];
  /**
   * Also where the values with a framework role come from: the frameworks' registrars, export names and class
   * decorators, and the catalog's typed roles. A value has a role (`http.response`, `lambda.callback`) only as a
   * parameter of a function some framework calls or as one declared with a typed role, so with this on, an
   * entry rooted at a role needs nothing more: a file with none of these has no value with a role.
   */
  readonly frameworks?: boolean;
  /** More names, each enough on its own (option names, error names and codes). */
  readonly words?: readonly string[];
  /** Free-text fragments (regular expression source), matched case-insensitively. */
  readonly fragments?: readonly string[];
}

const cache = new WeakMap<GateSpec, WeakMap<Catalog, Vocabulary>>();

/** The vocabulary of a gate in the context's catalog (built once per spec and catalog: keep the spec object). */
export function vocabularyOf(ctx: CheckContext, spec: GateSpec): Vocabulary {
  let perSpec = cache.get(spec);
  if (!perSpec) {
    perSpec = new WeakMap();
    cache.set(spec, perSpec);
  }
  let vocabulary = perSpec.get(ctx.catalog);
  if (!vocabulary) {
    vocabulary = build(ctx.catalog, spec);
    perSpec.set(ctx.catalog, vocabulary);
  }
  return vocabulary;
}

function build(catalog: Catalog, spec: GateSpec): Vocabulary {
  const groups: Group[] = (spec.words ?? []).map((word) => ({ names: [[word]] }));
  const modules = new Set<string>();
  const exportNames = new Set<string>();
  const fragments = spec.fragments ?? [];
  /** Adds what a specifier needs written; false when it needs nothing (a path of wildcards). */
  const need = (target: Specifier): boolean => {
    if (target.from === 'package') {
      // The module is named where it is imported or required.
      for (const pkg of typeof target.package === 'string' ? [target.package] : target.package) modules.add(normalizeModule(pkg));
      return true;
    }
    // A role's sources are in the vocabulary already (see GateSpec.frameworks).
    if (target.from === 'role' && spec.frameworks) return true;
    // A global or a framework role: each name of the path is written where the entry matches (`Promise` and
    // `race`; one of `send|json`). A wildcard step names nothing; the other steps still must be written. A
    // global's entry also needs the global itself: `Date` in `createdAt: Date` is a type, not the clock.
    const named = (steps: readonly string[]) => steps.filter((step) => !SHAPE_STEPS.has(step) && !step.includes('*')).map((step) => step.split('|'));
    const head = target.path.at(0);
    if (target.from === 'lib' && head !== undefined && !SHAPE_STEPS.has(head) && !head.includes('*')) {
      groups.push({ names: named(target.path.slice(1)), global: head.split('|'), types: target.path.includes('#') });
      return true;
    }
    const group = named(target.path);
    if (group.length === 0) return false;
    groups.push({ names: group });
    return true;
  };
  for (const entry of catalog.entries) {
    if (spec.roles.includes(entry.role) && !need(entry.target)) return ALWAYS_OPEN;
  }
  if (spec.frameworks) {
    for (const framework of catalog.frameworks) {
      if (framework.registrar && !need(framework.registrar)) return ALWAYS_OPEN;
      if (framework.methodOf && !need(framework.methodOf.classDecorator)) return ALWAYS_OPEN;
      for (const name of framework.exportNames ?? []) exportNames.add(name);
      if (!framework.registrar && !framework.methodOf && !framework.exportNames) return ALWAYS_OPEN;
    }
    for (const typed of catalog.types) if (!need(typed.type)) return ALWAYS_OPEN;
  }
  const names = [...new Set(groups.flatMap((group) => group.names.flat()))];
  return {
    fragments: fragments.length > 0 ? new RegExp(fragments.join('|'), 'i') : null,
    modules: modules.size > 0 ? new RegExp(`['"\`](?:node:)?(?:${[...modules].map(escape).join('|')})['"\`]`) : null,
    names: names.length > 0 ? new RegExp(`(?<![\\w$])(${names.map(escape).join('|')})(?![\\w$])`, 'g') : null,
    // Where a name is exported it is followed by `(`, `=`, `:`, `,`, `}` or the like, never by another word:
    // `DELETE` in `'DELETE FROM orders'` is not the export of a route handler.
    exported: exportNames.size > 0 ? new RegExp(`(?<![\\w$])(?:${[...exportNames].map(escape).join('|')})(?!\\s*[\\w$])`) : null,
    groups,
    alwaysOpen: false,
  };
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Do gates apply to this context (one file, no types)? */
export function gatesApply(ctx: CheckContext): boolean {
  return ctx.resolver === fileResolver && ctx.types === undefined;
}

/** Can the file hold a finding, as far as the vocabulary tells? (True wherever gates do not apply.) */
export function mayFind(ctx: CheckContext, vocabulary: Vocabulary): boolean {
  if (!gatesApply(ctx) || vocabulary.alwaysOpen) return true;
  const text = ctx.file.text;
  if (writtenOtherwise(ctx)) return true;
  if (vocabulary.fragments?.test(text) || vocabulary.modules?.test(text)) return true;
  if (vocabulary.exported?.test(text) && EXPORTS.test(text)) return true;
  const found = new Set<string>();
  if (vocabulary.names) for (const match of text.matchAll(vocabulary.names)) found.add(match[1]);
  return vocabulary.groups.some(
    (group) =>
      group.names.every((alternatives) => alternatives.some((name) => found.has(name))) &&
      (group.global === undefined || group.global.some((name) => referencesGlobal(ctx, name, group.types === true))),
  );
}

/** An escape that can spell a name otherwise: `\u0072ace`, `'\x70g'`, an octal escape, a line continuation. */
const NAME_ESCAPE = /\\(?:[ux0-7\r\n\u2028\u2029])/g;

interface Token extends Ranged {
  type: string;
}

const escapes = new WeakMap<CheckContext['file'], boolean>();

/**
 * Is a name of the file written otherwise than it is named: an escaped identifier (`\u0072ace`) or a string
 * spelled with escapes (`require('\x70g')`)? Escapes in regular expression literals (`/[\u0300-\u036f]/`) and in
 * comments spell no name. Without the file's tokens, any such escape counts. Once per file.
 */
function writtenOtherwise(ctx: CheckContext): boolean {
  const file = ctx.file;
  let found = escapes.get(file);
  if (found === undefined) {
    found = spellsName(file.text, (file.ast as { tokens?: readonly Token[] }).tokens);
    escapes.set(file, found);
  }
  return found;
}

function spellsName(text: string, tokens: readonly Token[] | undefined): boolean {
  NAME_ESCAPE.lastIndex = 0;
  for (let match = NAME_ESCAPE.exec(text); match; match = NAME_ESCAPE.exec(text)) {
    if (!tokens) return true;
    const token = tokenAt(tokens, match.index);
    if (token && token.type !== 'RegularExpression') return true;
  }
  return false;
}

/** The token whose range holds `offset` (tokens are in source order), if any: the last one starting at or before it. */
function tokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  const token = tokens[firstAtOrAfter(tokens, offset + 1) - 1] as Token | undefined;
  return token && offset < token.range[1] ? token : undefined;
}

/**
 * Does the file refer to the global `name` (not shadowed: what the tracer calls a global root), as a value, or
 * also in a type when `types`? From the scope analysis: the global scope's variable of that name (declared by
 * the environment, no definition in the file) and the references left unresolved.
 */
function referencesGlobal(ctx: CheckContext, name: string, types: boolean): boolean {
  const global = ctx.file.scopeManager.globalScope;
  if (!global) return true;
  const counts = (ref: { isValueReference?: boolean }) => types || ref.isValueReference !== false;
  const variable = global.set.get(name);
  if (variable && variable.defs.length === 0 && variable.references.some(counts)) return true;
  return global.through.some((ref) => ref.identifier.name === name && counts(ref));
}

/** Runs a checker behind its gate: skipped (no findings) when the gate is closed, unless `gates.verify` is on. */
export function behindGate(ruleId: string, ctx: CheckContext, open: boolean, run: () => Finding[]): Finding[] {
  if (open) return run();
  if (!gates.verify) return [];
  const findings = run();
  if (findings.length > 0) throw new Error(`${ruleId}: the gate skipped ${ctx.file.path}, which has ${findings.length} finding(s)`);
  return findings;
}
