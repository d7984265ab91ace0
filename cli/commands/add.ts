/** `assume add "<statement>" --id A-<slug> --owner <who>`: one new assumption file. Refuses an existing id. */
import { readdirSync, readFileSync } from 'node:fs';
import { parseAssumption } from '../../register/assumption.js';
import { defaultRegisterPaths, type RegisterPaths } from '../../register/load.js';
import { ASSUMPTION_ID, severities } from '../../register/types.js';
import { UsageError } from '../errors.js';
import { resolveInside, writeFileAtomic } from '../fs/atomic-write.js';
import { namedTemplate, render } from '../templates.js';

export interface AddOptions {
  cwd: string;
  statement: string;
  id: string;
  owner: string;
  severity?: string;
  /** Today (`YYYY-MM-DD`): the new assumption counts as reviewed when it is written. */
  today: string;
  paths?: Partial<RegisterPaths>;
}

export interface AddResult {
  file: string;
  id: string;
}

/** Creates `<assumptions>/<id>.md` from the `new/assumption.md` template. */
export function add(options: AddOptions): AddResult {
  const { id } = options;
  if (!ASSUMPTION_ID.test(id)) throw new UsageError(`--id ${JSON.stringify(id)} is not an assumption id: use A-<slug> (lowercase letters, digits, dashes), e.g. A-queue-at-least-once.`);
  const statement = options.statement.trim();
  if (statement === '') throw new UsageError('The statement is empty: say what the system relies on, e.g. assume add "The broker delivers at least once" --id A-at-least-once --owner payments.');
  const owner = options.owner.trim();
  if (owner === '' || /[\n\r]/.test(owner)) throw new UsageError('--owner must be a non-empty single line (a team or a person).');
  const severity = options.severity ?? 'medium';
  if (!(severities as readonly string[]).includes(severity)) throw new UsageError(`--severity must be one of ${severities.join(', ')}.`);

  const folder = { ...defaultRegisterPaths, ...options.paths }.assumptions;
  const file = `${folder}/${id}.md`;
  // The id must be new across the register, not only as a file name.
  let names: string[] = [];
  try {
    names = readdirSync(resolveInside(options.cwd, folder));
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  for (const name of names) {
    if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
    if (name === `${id}.md`) throw new UsageError(`${file} already exists: the id ${id} is taken.`);
    let text: string;
    try {
      text = readFileSync(resolveInside(options.cwd, `${folder}/${name}`), 'utf8');
    } catch {
      continue;
    }
    if (parseAssumption(text, name.slice(0, -3)).assumption?.id === id) throw new UsageError(`The id ${id} is already declared in ${folder}/${name}.`);
  }

  const text = render(namedTemplate(options.cwd, 'new/assumption.md'), {
    id,
    statement: JSON.stringify(statement),
    owner: JSON.stringify(owner),
    severity,
    today: options.today,
    title: statement.replace(/\s+/g, ' '),
  });
  if (writeFileAtomic(options.cwd, file, text, { mode: 'create' }) === 'exists') throw new UsageError(`${file} already exists: the id ${id} is taken.`);
  return { file, id };
}

export function formatAdd(result: AddResult): string {
  return `Created ${result.file}. Fill in its rationale, checked_by and if_false, then run \`assume index\` to list it in the register README.\n`;
}
