import type { Specifier } from './catalog/types.js';
import { firstStepCouldMatch, normalizeModule } from './path-pattern.js';
import type { Root } from './origin.js';

/** Candidates per root name, for one list. */
interface Buckets<T> {
  module: Map<string, readonly T[]>;
  global: Map<string, readonly T[]>;
  role: Map<string, readonly T[]>;
}

const EMPTY: readonly never[] = [];
/** Distinct root names kept per list before its buckets start over (a bound on memory, not on correctness). */
const MAX_KEYS = 4096;

/**
 * Narrows a list of catalog items (entries, frameworks, type roles) to those whose specifier could match a trace
 * with a given root: a `package` specifier only a module root of one of its packages, a `lib` specifier only a
 * global whose name its first step can match, a `role` specifier only a root of one of its roles. Every other
 * item cannot match (`specifierMatches` checks the root first), so a caller that runs `specifierMatches` over the
 * candidates, in the order given (list order), finds the same first match as a scan of the whole list, in far
 * fewer steps. Candidates are computed once per list and root name.
 */
export class SpecifierIndex<T> {
  private readonly lists = new WeakMap<readonly T[], Buckets<T>>();

  constructor(private readonly specOf: (item: T) => Specifier | undefined) {}

  candidates(items: readonly T[], root: Root): readonly T[] {
    let name: string;
    let kind: 'module' | 'global' | 'role';
    switch (root.kind) {
      case 'module':
        kind = 'module';
        name = root.module;
        break;
      case 'global':
        kind = 'global';
        name = root.name;
        break;
      case 'role':
        kind = 'role';
        name = root.role;
        break;
      default:
        return EMPTY;
    }
    let buckets = this.lists.get(items);
    if (!buckets) {
      buckets = { module: new Map(), global: new Map(), role: new Map() };
      this.lists.set(items, buckets);
    }
    const bucket = buckets[kind];
    const hit = bucket.get(name);
    if (hit) return hit;
    const found: T[] = [];
    for (const item of items) {
      const spec = this.specOf(item);
      if (spec && couldMatch(spec, kind, name)) found.push(item);
    }
    if (bucket.size >= MAX_KEYS) bucket.clear();
    const list = found.length > 0 ? found : EMPTY;
    bucket.set(name, list);
    return list;
  }
}

function couldMatch(spec: Specifier, kind: 'module' | 'global' | 'role', name: string): boolean {
  switch (spec.from) {
    case 'package':
      return kind === 'module' && packageMatches(spec.package, name);
    case 'lib':
      return kind === 'global' && firstStepCouldMatch(spec.path, name);
    case 'role':
      return kind === 'role' && (typeof spec.role === 'string' ? spec.role === name : spec.role.includes(name));
    default:
      return false;
  }
}

/** Does a specifier's `package` (one name or several, `node:` prefixes ignored) name `module`? */
export function packageMatches(pkg: string | readonly string[], module: string): boolean {
  if (typeof pkg === 'string') return normalizeModule(pkg) === module;
  for (const p of pkg) if (normalizeModule(p) === module) return true;
  return false;
}
