/** `assume rollback new <slug>`: a rollback plan for one change, copied from the project's template. */
import { readFileSync } from 'node:fs';
import { defaultRegisterPaths, type RegisterPaths } from '../../register/load.js';
import { UsageError } from '../errors.js';
import { resolveInside, writeFileAtomic } from '../fs/atomic-write.js';
import { namedTemplate, render, yamlQuoted } from '../templates.js';
import { DEFAULT_OWNER, MANIFEST } from './init.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface RollbackNewOptions {
  cwd: string;
  slug: string;
  paths?: Partial<RegisterPaths>;
}

export function rollbackNew(options: RollbackNewOptions): { file: string } {
  const { slug } = options;
  if (!SLUG.test(slug)) throw new UsageError(`${JSON.stringify(slug)} is not a slug: use lowercase letters, digits and dashes (e.g. orders-v2-schema), no path.`);
  const folder = { ...defaultRegisterPaths, ...options.paths }.rollback;
  if (slug === 'template' || slug === 'readme') throw new UsageError(`"${slug}" is reserved; pick a name for the change.`);
  const file = `${folder}/${slug}.md`;
  let template: string;
  try {
    template = readFileSync(resolveInside(options.cwd, `${folder}/TEMPLATE.md`), 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    template = render(namedTemplate(options.cwd, 'docs/rollback/TEMPLATE.md', 'base/docs/rollback/TEMPLATE.md'), { owner: yamlQuoted(ownerFromManifest(options.cwd)) });
  }
  const text = template.replace('# Rollback plan: <change>', `# Rollback plan: ${slug}`);
  if (writeFileAtomic(options.cwd, file, text, { mode: 'create' }) === 'exists') throw new UsageError(`${file} already exists.`);
  return { file };
}

function ownerFromManifest(cwd: string): string {
  try {
    const m = JSON.parse(readFileSync(resolveInside(cwd, MANIFEST), 'utf8')) as { owner?: unknown };
    return typeof m.owner === 'string' ? m.owner : DEFAULT_OWNER;
  } catch {
    return DEFAULT_OWNER;
  }
}

export function formatRollbackNew(result: { file: string }): string {
  return `Created ${result.file}. Describe the change, set measurable triggers, and rehearse the rollback before the rollout.\n`;
}
