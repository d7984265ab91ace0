import type { Catalog, CatalogEntry, FrameworkCallback, Role, Specifier } from './catalog/types.js';
import { filePathMatches, normalizeModule } from './path-pattern.js';
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
 * options included: an entry can match only where its module is named (`'pg'`, `"node:fs"`) or the global it
 * starts from is referenced as a value (`Date.now()`, not `createdAt: Date`), and where the names of its path are
 * written (`query`, `race`, `json`): a trace's steps are the names of member accesses, destructured keys and
 * imported bindings, each written out (a computed key only when it is a string literal). An entry whose root has
 * no name and whose path names nothing (a path of wildcards) opens the gate for every file.
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
 * One catalog entry's condition: every name of `names` written (each given as its alternatives); for a package's
 * entry one of its `modules` named; for a global's entry the global referenced (by one of the `global` names) as a
 * value, or also as a type when the entry's path goes through an instance (`#`); for an entry rooted at a
 * framework role, a framework that hands out such values (`framework`).
 */
interface Group {
  readonly names: readonly (readonly string[])[];
  readonly modules?: readonly string[];
  readonly global?: readonly string[];
  readonly types?: boolean;
  /** For an entry rooted at a role: where values with that role can exist. */
  readonly framework?: Frameworks;
}

/** Groups, those of packages by module: a file is tried only against the groups of the modules it names. */
interface Groups {
  readonly byModule: ReadonlyMap<string, readonly Group[]>;
  readonly other: readonly Group[];
}

function indexGroups(groups: readonly Group[]): Groups {
  const byModule = new Map<string, Group[]>();
  const other: Group[] = [];
  for (const group of groups) {
    if (!group.modules) {
      other.push(group);
      continue;
    }
    for (const module of group.modules) {
      const list = byModule.get(module) ?? [];
      list.push(group);
      byModule.set(module, list);
    }
  }
  lookForModules(byModule.keys());
  return { byModule, other };
}

/**
 * What a file must contain for a gate to open: a free-text fragment (case-insensitive), all that one group asks
 * for, or (where the gate says so) a framework that hands out values with a role.
 */
export interface Vocabulary {
  readonly fragments: RegExp | null;
  /** Matches one of GateSpec.words as a whole word anywhere in the text (strings, comments and regular expressions too). */
  readonly words: RegExp | null;
  readonly groups: Groups;
  /** Where values with a framework role can exist (GateSpec.frameworks), or null. */
  readonly frameworks: {
    readonly shared: Frameworks;
    /** Such a file is enough to open the gate (not only what entries rooted at a role need). */
    readonly opens: boolean;
  } | null;
  /** The gate is open for every file. */
  readonly alwaysOpen: boolean;
}

/** Where values with a framework role can exist: what the frameworks of a catalog need written. */
interface Frameworks {
  /** The `files` patterns of frameworks that apply only in some files (Next.js API routes): such a file is enough. */
  readonly paths: readonly string[];
  /** The names a framework calls when a function is exported under them (Lambda `handler`, Next.js `POST`). */
  readonly exportNames: ReadonlySet<string>;
  /** Matches one of `exportNames` written as a CommonJS export may write it. */
  readonly exported: RegExp | null;
  readonly groups: Groups;
}

const ALWAYS_OPEN: Vocabulary = { fragments: null, words: null, groups: { byModule: new Map(), other: [] }, frameworks: null, alwaysOpen: true };
/** `exports` (`module.exports`, `exports.handler`). */
const COMMONJS_EXPORTS = /(?<![\w$])exports(?![\w$])/;
/** `module.exports = ...`: CommonJS's default export. */
const MODULE_EXPORTS_SET = /(?<![\w$])module\s*\.\s*exports\s*=(?!=)/;
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
  /**
   * With `frameworks`: an entry rooted at a role also needs the names of its path written (`toArray` of a request),
   * and a framework alone does not open the gate. For gates whose role entries are what a finding is made of,
   * rather than where a framework hands values over.
   */
  readonly rolePaths?: boolean;
  /** More names, each enough on its own (option names, error names and codes). */
  readonly words?: readonly string[];
  /** Free-text fragments (regular expression source), matched case-insensitively. */
  readonly fragments?: readonly string[];
  /**
   * What a finding at one of the roles' entries needs besides the entry, from the entry's facts: `false` when the
   * gate covers no finding there (none can be made, or another gate covers it), names one of which must be
   * written (an option the finding reads: a parser's `limit`), or `true` for nothing more (the default).
   */
  readonly atEntry?: (entry: CatalogEntry) => boolean | readonly string[];
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

/**
 * What an entry's specifier needs written: null when nothing more than a framework's presence (see
 * GateSpec.frameworks), undefined when nothing at all (a path of wildcards: open for every file). `spec` is
 * undefined for the frameworks' own vocabulary.
 */
function groupOf(target: Specifier, spec: GateSpec | undefined, also: readonly string[] | undefined, catalog: Catalog | undefined): Group | null | undefined {
  // Each name of the path is written where the entry matches (`Promise` and `race`; one of `send|json`). A
  // wildcard step names nothing, nor does a step one of whose alternatives is a call, an instance or the like
  // (`()|#`); the other steps still must be written.
  // `also`: one of the names a finding at the entry needs besides (GateSpec.atEntry).
  const named = (steps: readonly string[]): (readonly string[])[] => {
    const names: (readonly string[])[] = steps.map((step) => step.split('|')).filter((alternatives) => alternatives.every((alt) => !SHAPE_STEPS.has(alt) && !alt.includes('*')));
    if (also) names.push(also);
    return names;
  };
  if (target.from === 'package') {
    // The module is named where it is imported or required, and the names of the path where it is used.
    return { names: named(target.path), modules: (typeof target.package === 'string' ? [target.package] : target.package).map(normalizeModule) };
  }
  if (target.from === 'role' && (!spec || spec.frameworks)) {
    // A value has a role only where a framework hands it out (GateSpec.frameworks). Among the frameworks
    // themselves, a registrar rooted at a role is reached through another framework's vocabulary.
    if (!spec?.rolePaths || !catalog) return null;
    const frameworks = frameworksOf(catalog, typeof target.role === 'string' ? [target.role] : target.role);
    return frameworks ? { names: named(target.path), framework: frameworks } : { names: named(target.path) };
  }
  if (target.from === 'role' && catalog) {
    // In a gate that does not ask about frameworks, an entry rooted at a role still matches only where a framework
    // (or a typed role) hands that value out: its names and one of those frameworks.
    const frameworks = frameworksOf(catalog, typeof target.role === 'string' ? [target.role] : target.role);
    return frameworks ? { names: named(target.path), framework: frameworks } : { names: named(target.path) };
  }
  // A global's entry also needs the global itself: `Date` in `createdAt: Date` is a type, not the clock.
  const head = target.path.at(0);
  if (target.from === 'lib' && head !== undefined && !SHAPE_STEPS.has(head) && !head.includes('*')) {
    return { names: named(target.path.slice(1)), global: head.split('|'), types: target.path.includes('#') };
  }
  const group = named(target.path);
  return group.length === 0 ? undefined : { names: group };
}

/**
 * Adds a specifier's condition to `into` (and one of `also` written); false when it needs nothing (the gate is
 * then open for every file).
 */
function need(target: Specifier, spec: GateSpec | undefined, into: Group[], also?: readonly string[], catalog?: Catalog): boolean {
  const group = groupOf(target, spec, also, catalog);
  if (group === undefined) return false;
  if (group) into.push(group);
  return true;
}

const frameworksCache = new WeakMap<Catalog, Map<string, Frameworks | null>>();

/**
 * Where values with a framework role can exist, in a catalog: with `roles`, only values with one of those roles
 * (the frameworks that hand them out, and the types that give them). Null when some such framework needs nothing
 * written (every file then may have such values). Once per catalog and roles, shared by every gate.
 */
function frameworksOf(catalog: Catalog, roles?: readonly string[]): Frameworks | null {
  let perCatalog = frameworksCache.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    frameworksCache.set(catalog, perCatalog);
  }
  const key = roles ? roles.join('|') : '*';
  let frameworks = perCatalog.get(key);
  if (frameworks !== undefined) return frameworks;
  frameworks = null;
  const groups: Group[] = [];
  const exportNames = new Set<string>();
  const paths = new Set<string>();
  let everywhere = false;
  const handing = frameworksHanding(catalog, roles);
  for (const framework of handing.frameworks) {
    // Registered only in the files its pattern matches (core/origin.ts): the path alone tells where it can be.
    if (framework.files !== undefined) {
      paths.add(framework.files);
      continue;
    }
    if (framework.registrar && !need(framework.registrar, undefined, groups)) everywhere = true;
    if (framework.methodOf && !need(framework.methodOf.classDecorator, undefined, groups)) everywhere = true;
    for (const name of framework.exportNames ?? []) exportNames.add(name);
    if (!framework.registrar && !framework.methodOf && !framework.exportNames) everywhere = true;
  }
  for (const typed of catalog.types) if ((!handing.roles || handing.roles.has(typed.role)) && !need(typed.type, undefined, groups)) everywhere = true;
  if (!everywhere) {
    frameworks = {
      paths: [...paths],
      exportNames,
      // Where a name is exported it is followed by `(`, `=`, `:`, `,`, `}` or the like, never by another word:
      // `DELETE` in `'DELETE FROM orders'` is not the export of a route handler.
      exported: exportNames.size > 0 ? new RegExp(`(?<![\\w$])(?:${[...exportNames].map(escape).join('|')})(?!\\s*[\\w$])`) : null,
      groups: indexGroups(groups),
    };
  }
  perCatalog.set(key, frameworks);
  return frameworks;
}

/**
 * The frameworks that hand out values with one of `roles` (every framework without `roles`), and those that hand
 * out the values their registrars or class decorators are rooted at (a fastify route exists only where a fastify
 * instance does); with the roles so reached, which the catalog's types also give.
 */
function frameworksHanding(catalog: Catalog, roles: readonly string[] | undefined): { frameworks: readonly FrameworkCallback[]; roles: ReadonlySet<string> | undefined } {
  if (!roles) return { frameworks: catalog.frameworks, roles: undefined };
  const wanted = new Set(roles);
  const chosen = new Set<FrameworkCallback>();
  for (let grown = true; grown; ) {
    grown = false;
    for (const framework of catalog.frameworks) {
      if (chosen.has(framework) || ![...framework.params, ...(framework.paramsWithError ?? [])].some((role) => role !== undefined && wanted.has(role))) continue;
      chosen.add(framework);
      grown = true;
      for (const target of [framework.registrar, framework.methodOf?.classDecorator]) {
        if (target?.from === 'role') for (const role of typeof target.role === 'string' ? [target.role] : target.role) wanted.add(role);
      }
    }
  }
  return { frameworks: [...chosen], roles: wanted };
}

function build(catalog: Catalog, spec: GateSpec): Vocabulary {
  const fragments = spec.fragments ?? [];
  const groups: Group[] = [];
  for (const entry of catalog.entries) {
    if (!spec.roles.includes(entry.role)) continue;
    const also = spec.atEntry?.(entry) ?? true;
    if (also !== false && !need(entry.target, spec, groups, also === true ? undefined : also, catalog)) return ALWAYS_OPEN;
  }
  let frameworks: Vocabulary['frameworks'] = null;
  if (spec.frameworks) {
    const shared = frameworksOf(catalog);
    if (!shared) return ALWAYS_OPEN;
    frameworks = { shared, opens: spec.rolePaths !== true };
  }
  const fragmentPattern = fragments.length > 0 ? new RegExp(fragments.join('|'), 'i') : null;
  // A word that holds a fragment is found by the fragment already (`TimeoutError` by `time[ d_-]?out`): only the
  // others are looked for again as words. (Not with fragments that look around them: their match in a word alone
  // says nothing of the text around it.)
  const implied = fragmentPattern && !/\(\?<?[=!]/.test(fragmentPattern.source) ? fragmentPattern : null;
  const words = (spec.words ?? []).filter((word) => !implied?.test(word));
  return {
    fragments: fragmentPattern,
    words: words.length > 0 ? new RegExp(`(?<![\\w$])(?:${words.map(escape).join('|')})(?![\\w$])`) : null,
    groups: indexGroups(groups),
    frameworks,
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
  if (vocabulary.fragments?.test(text) || vocabulary.words?.test(text)) return true;
  const frameworks = vocabulary.frameworks;
  if (frameworks?.opens && frameworkPresent(ctx, frameworks.shared)) return true;
  return anyHolds(ctx, vocabulary.groups);
}

/** Does some group hold in the file? (Those of a package only where the file names the package.) */
function anyHolds(ctx: CheckContext, groups: Groups): boolean {
  for (const module of modulesNamed(ctx.file)) {
    const list = groups.byModule.get(module);
    if (list) for (const group of list) if (holds(ctx, group)) return true;
  }
  for (const group of groups.other) if (holds(ctx, group)) return true;
  return false;
}

/** Is all that the group asks for in the file (its module aside: see `anyHolds`)? */
function holds(ctx: CheckContext, group: Group): boolean {
  const file = ctx.file;
  if (group.framework !== undefined && !frameworkPresent(ctx, group.framework)) return false;
  // Loops rather than `some` with a closure: this runs for every group a file is tried against.
  for (const alternatives of group.names) {
    let written = false;
    for (const name of alternatives) {
      if (nameWritten(file, name)) {
        written = true;
        break;
      }
    }
    if (!written) return false;
  }
  if (group.global === undefined) return true;
  for (const name of group.global) if (referencesGlobal(ctx, name, group.types === true)) return true;
  return false;
}

/** Do the frameworks hand out values with a role in the file? (Once per file and frameworks, for every gate.) */
function frameworkPresent(ctx: CheckContext, frameworks: Frameworks): boolean {
  const seen = memoIn(frameworksSeen, ctx.file);
  let present = seen.get(frameworks);
  if (present === undefined) {
    present = frameworks.paths.some((pattern) => filePathMatches(pattern, ctx.file.path)) || exportsOneOf(ctx, frameworks) || anyHolds(ctx, frameworks.groups);
    seen.set(frameworks, present);
  }
  return present;
}

/**
 * Does the file export a function under one of the names its frameworks call (`exportedName` and `exportedLater` in
 * core/origin.ts)? An ES module's exports are its top-level export declarations; CommonJS exports are assignments
 * that can sit anywhere, so where the text names `exports` a name written in the right place anywhere counts.
 */
function exportsOneOf(ctx: CheckContext, frameworks: Frameworks): boolean {
  if (!frameworks.exported) return false;
  const exported = exportedNames(ctx.file);
  if (exported === 'text') return frameworks.exported.test(ctx.file.text) || (frameworks.exportNames.has('default') && MODULE_EXPORTS_SET.test(ctx.file.text));
  for (const name of exported) if (frameworks.exportNames.has(name)) return true;
  return false;
}

const exportsSeen = new WeakMap<CheckContext['file'], readonly string[] | 'text'>();

/**
 * The names an ES module exports with its top-level declarations (once per file); `'text'` where the text must
 * tell: it names `exports` (CommonJS), or a pattern is exported (`export const { POST } = handlers`, which names no
 * function of the file, but counts all the same).
 */
function exportedNames(file: CheckContext['file']): readonly string[] | 'text' {
  let names = exportsSeen.get(file);
  if (names === undefined) {
    names = COMMONJS_EXPORTS.test(file.text) ? 'text' : esExports(file.ast);
    exportsSeen.set(file, names);
  }
  return names;
}

function esExports(ast: CheckContext['file']['ast']): readonly string[] | 'text' {
  const names: string[] = [];
  for (const statement of ast.body) {
    if (statement.type === 'ExportDefaultDeclaration') names.push('default');
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const declaration = statement.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) names.push(declaration.id.name);
    if (declaration?.type === 'VariableDeclaration') {
      for (const { id } of declaration.declarations) {
        if (id.type !== 'Identifier') return 'text';
        names.push(id.name);
      }
    }
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported;
      names.push(exported.type === 'Identifier' ? exported.name : exported.value);
    }
  }
  return names;
}

/**
 * The names the gates have asked about in a file, and whether each is written there. A name is looked for when a
 * group asks for it (a group of a package only once the file names the package), so a file is never scanned for
 * every name of every gate.
 */
const namesSeen = new WeakMap<CheckContext['file'], Map<string, boolean>>();
/** Whether a framework hands out values with a role in a file, per catalog's frameworks. */
const frameworksSeen = new WeakMap<CheckContext['file'], Map<Frameworks, boolean>>();

/** The file's memo in `memos`, made on first use. */
function memoIn<K, V>(memos: WeakMap<CheckContext['file'], Map<K, V>>, file: CheckContext['file']): Map<K, V> {
  let memo = memos.get(file);
  if (!memo) {
    memo = new Map();
    memos.set(file, memo);
  }
  return memo;
}

/** Is `name` written in the text as a whole identifier (`race`, not `trace` or `races`)? Strings and comments count. */
function nameWritten(file: CheckContext['file'], name: string): boolean {
  const names = memoIn(namesSeen, file);
  let found = names.get(name);
  if (found === undefined) {
    found = false;
    const text = file.text;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (!isNameChar(text.charCodeAt(at - 1)) && !isNameChar(text.charCodeAt(at + name.length))) {
        found = true;
        break;
      }
    }
    names.set(name, found);
  }
  return found;
}

/** Every module some gate asks about, and a pattern that finds them in quotes (`'pg'`, `"node:fs"`, `` `knex` ``). */
const sought = { modules: new Set<string>(), pattern: null as RegExp | null, generation: 0 };

function lookForModules(modules: Iterable<string>): void {
  const before = sought.modules.size;
  for (const module of modules) sought.modules.add(module);
  if (sought.modules.size === before) return;
  sought.pattern = new RegExp(`['"\`](?:node:)?(${[...sought.modules].map(escape).join('|')})['"\`]`, 'g');
  sought.generation++;
}

const modulesSeen = new WeakMap<CheckContext['file'], { generation: number; modules: ReadonlySet<string> }>();

/** The modules some gate asks about that the file names, found in one scan of its text (again only when more are asked about). */
function modulesNamed(file: CheckContext['file']): ReadonlySet<string> {
  const hit = modulesSeen.get(file);
  if (hit?.generation === sought.generation) return hit.modules;
  const modules = new Set<string>();
  if (sought.pattern) for (const match of file.text.matchAll(sought.pattern)) modules.add(match[1]);
  modulesSeen.set(file, { generation: sought.generation, modules });
  return modules;
}

/** `[A-Za-z0-9_$]` (NaN, off either end of the text, is not). */
function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
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
