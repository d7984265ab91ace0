/** Helpers of the CLI tests: temp folders, the built binary, folder snapshots. */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
export const binary = join(repoRoot, 'dist', 'cli', 'index.js');

/** The files `assume init` writes for each profile (the documented list in docs/cli.md). */
export const initFiles: Readonly<Record<string, readonly string[]>> = {
  'http-service': [
    '.assume/manifest.json',
    'assume.config.json',
    'docs/assumptions/A-example.md',
    'docs/assumptions/A-retries-carry-idempotency-key.md',
    'docs/assumptions/README.md',
    'docs/rollback/TEMPLATE.md',
    'docs/threat-model/checklist.md',
  ],
  'queue-worker': [
    '.assume/manifest.json',
    'assume.config.json',
    'docs/assumptions/A-example.md',
    'docs/assumptions/A-handler-finishes-within-visibility-timeout.md',
    'docs/assumptions/README.md',
    'docs/rollback/TEMPLATE.md',
    'docs/threat-model/checklist.md',
  ],
  library: [
    '.assume/manifest.json',
    'assume.config.json',
    'docs/assumptions/A-example.md',
    'docs/assumptions/A-supported-node-versions.md',
    'docs/assumptions/README.md',
    'docs/rollback/TEMPLATE.md',
    'docs/threat-model/checklist.md',
  ],
};

const made: string[] = [];

/** A fresh temp folder (real path, so symlink checks compare like with like); removed by `cleanup`. */
export function tempDir(prefix = 'assume-cli-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** An express handler that acknowledges before its durable write settles: one no-ack-before-durable-write finding (6:3). */
export const ACK_FIRST = `import express from 'express';
import pg from 'pg';
const pool = new pg.Pool();
export const app = express();
app.post('/orders', async (req, res) => {
  res.status(201).json({ ok: true });
  await pool.query('INSERT INTO orders(id) VALUES ($1)', [req.body.id]);
});
`;

/** Its correct twin: the write is awaited, then the response is sent. */
export const ACK_AFTER = ACK_FIRST.replace('  res.status(201).json({ ok: true });\n', '').replace('[req.body.id]);\n', '[req.body.id]);\n  res.status(201).json({ ok: true });\n');

/** A temp project with these files (paths relative to it; folders created); removed by `cleanup`. */
export function project(files: Record<string, string>, prefix = 'assume-project-'): string {
  const dir = tempDir(prefix);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary in `cwd` with NO_COLOR=1 and CI=1 (non-interactive), no TTY. */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`npm run build\` (or \`npx tsc -p tsconfig.cli.json\`) first.`);
  const result = spawnSync(process.execPath, [binary, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, NO_COLOR: '1', CI: '1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every entry under `dir` (files with content, links with target, folders), by relative path. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel)).sort()) {
      const relPath = rel === '' ? entry : `${rel}/${entry}`;
      const abs = join(dir, relPath);
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) out[relPath] = `-> ${readlinkSync(abs)}`;
      else if (stat.isDirectory()) {
        out[`${relPath}/`] = 'dir';
        walk(relPath);
      } else out[relPath] = `${readFileSync(abs, 'utf8')}\u0000mtime=${stat.mtimeMs}`;
    }
  };
  walk('');
  return out;
}

/** Relative paths of the files under `dir`, sorted. */
export function listFiles(dir: string): string[] {
  return Object.entries(snapshot(dir))
    .filter(([, v]) => v !== 'dir' && !v.startsWith('-> '))
    .map(([k]) => k)
    .sort();
}
