/** `assume index [--check]`: regenerates (or verifies) the index block of the register README. */
import { readFileSync } from 'node:fs';
import { checkRegisterInput } from '../../register/check.js';
import { renderIndex, replaceIndex } from '../../register/index-doc.js';
import { defaultRegisterPaths, loadRegisterInput, type RegisterPaths } from '../../register/load.js';
import { UsageError } from '../errors.js';
import { resolveInside, writeFileAtomic } from '../fs/atomic-write.js';

export interface IndexOptions {
  cwd: string;
  /** Verify only: report whether the index is fresh, write nothing. */
  check?: boolean;
  paths?: Partial<RegisterPaths>;
}

export interface IndexResult {
  file: string;
  /** The index was already what the assumption files generate. */
  fresh: boolean;
  written: boolean;
  count: number;
}

export function reindex(options: IndexOptions): IndexResult {
  const paths = { ...defaultRegisterPaths, ...options.paths };
  const file = `${paths.assumptions}/README.md`;
  let readme: string;
  try {
    readme = readFileSync(resolveInside(options.cwd, file), 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} does not exist: run \`assume init\` first.`);
  }
  const input = loadRegisterInput({ cwd: options.cwd, paths, files: [] });
  const { assumptions } = checkRegisterInput({ ...input, readme: undefined, checklist: undefined, rollbackFiles: [] }, { today: '1970-01-01' });
  const unique = assumptions.filter((a, i) => assumptions.findIndex((b) => b.id === a.id) === i);
  const next = replaceIndex(readme, renderIndex(unique));
  if (next === undefined) throw new UsageError(`${file} has no index markers: add a line \`<!-- assume:index -->\` and a line \`<!-- /assume:index -->\` where the index goes.`);
  const fresh = next === readme;
  if (fresh || options.check) return { file, fresh, written: false, count: unique.length };
  writeFileAtomic(options.cwd, file, next, { mode: 'replace' });
  return { file, fresh, written: true, count: unique.length };
}

export function formatIndex(result: IndexResult, check: boolean): string {
  if (result.fresh) return `${result.file}: the index is up to date (${result.count} assumption${result.count === 1 ? '' : 's'}).\n`;
  if (check) return `${result.file}: the index is out of date; run \`assume index\`.\n`;
  return `${result.file}: index regenerated (${result.count} assumption${result.count === 1 ? '' : 's'}).\n`;
}
