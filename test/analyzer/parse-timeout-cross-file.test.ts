/**
 * no-unbounded-parse and no-unhandled-timeout in the whole-program analyzer: a hostile value handed to a
 * function of another file is followed into it and reported there, once, at the read; a timer race inside a
 * called function of another file makes its callers' calls timed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/api.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'assume-pt-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function findings(cwd: string, rule: string): string[] {
  return analyze({ cwd })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => `${f.file}:${f.line} ${f.messageId}`);
}

describe('no-unbounded-parse across files', () => {
  it('follows a request passed to a CommonJS module that exports one function', () => {
    const cwd = project({
      'lib/slurp.js': `module.exports = function slurp(source, done) {
  const parts = [];
  source.on('data', (part) => parts.push(part));
  source.on('end', () => done(null, Buffer.concat(parts).toString()));
};
`,
      'lib/app.js': `const http = require('http');
const slurp = require('./slurp');

module.exports = http.createServer((req, res) => {
  slurp(req, (err, text) => {
    res.end(String(JSON.parse(text).id));
  });
});
`,
    });
    expect(findings(cwd, 'no-unbounded-parse')).toEqual(['lib/slurp.js:3 unboundedAccumulation']);
  });

  it('follows a path built from a request field into a reader of another file', () => {
    const files = {
      'src/store.ts': `import { readFileSync } from 'node:fs';

export function readDocument(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}
`,
      'src/routes.ts': `import path from 'node:path';
import type { Request, Response } from 'express';
import { readDocument } from './store.js';

export function show(req: Request, res: Response): void {
  const file = path.join('/var/docs', path.basename(String(req.params.id)));
  res.json(readDocument(file));
}
`,
    };
    expect(findings(project(files), 'no-unbounded-parse')).toEqual(['src/store.ts:4 unboundedFileRead']);
  });

  it('accepts a reader of another file that checks the stat size first', () => {
    const routes = `import type { Request, Response } from 'express';
import { readDocument } from './store.js';

export function show(req: Request, res: Response): void {
  res.json(readDocument(String(req.query.file)));
}
`;
    const checked = project({
      'src/store.ts': `import { readFileSync, statSync } from 'node:fs';

export function readDocument(file: string): unknown {
  if (statSync(file).size > 65536) throw new Error('too large');
  return JSON.parse(readFileSync(file, 'utf8'));
}
`,
      'src/routes.ts': routes,
    });
    expect(findings(checked, 'no-unbounded-parse')).toEqual([]);
    const unchecked = project({
      'src/store.ts': `import { readFileSync, statSync } from 'node:fs';

export function readDocument(file: string): unknown {
  if (statSync(file).isDirectory()) throw new Error('not a file');
  return JSON.parse(readFileSync(file, 'utf8'));
}
`,
      'src/routes.ts': routes,
    });
    expect(findings(unchecked, 'no-unbounded-parse')).toEqual(['src/store.ts:5 unboundedFileRead']);
  });

  it('follows a framework request into a helper that reads it whole, unless the route limits the body', () => {
    const helper = `export async function textOf(input: { text(): Promise<string> }): Promise<string> {
  return input.text();
}
`;
    const open = project({
      'src/read.ts': helper,
      'src/app.ts': `import { Hono } from 'hono';
import { textOf } from './read.js';

export const app = new Hono();
app.post('/ingest', async (c) => c.json({ size: (await textOf(c.req.raw)).length }));
`,
    });
    expect(findings(open, 'no-unbounded-parse')).toEqual(['src/read.ts:2 unboundedRead']);
    const limited = project({
      'src/read.ts': helper,
      'src/app.ts': `import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { textOf } from './read.js';

export const app = new Hono();
app.post('/ingest', bodyLimit({ maxSize: 64 * 1024 }), async (c) => c.json({ size: (await textOf(c.req.raw)).length }));
`,
    });
    expect(findings(limited, 'no-unbounded-parse')).toEqual([]);
  });

  it('reports a whole read in a helper once, at the read, not again at the call', () => {
    const cwd = project({
      'src/consume.js': `import { text } from 'node:stream/consumers';

export const readAll = (s) => text(s);
`,
      'src/server.js': `import { createServer } from 'node:http';
import { readAll } from './consume.js';

export const server = createServer(async (req, res) => {
  res.end(String((await readAll(req)).length));
});
`,
    });
    expect(findings(cwd, 'no-unbounded-parse')).toEqual(['src/consume.js:3 unboundedRead']);
  });
});

describe('no-unhandled-timeout across files', () => {
  it('sees a timer race inside a function of another file as a timeout of its callers', () => {
    const cwd = project({
      'src/psp.ts': `export async function capture(id: string): Promise<unknown> {
  const pending = fetch(\`https://psp.example/captures/\${id}\`, { method: 'POST' }).then((r) => r.json());
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000));
  return Promise.race([pending, deadline]);
}
`,
      'src/worker.ts': `import { Queue, Worker } from 'bullmq';
import { capture } from './psp.js';

const connection = { host: 'localhost', port: 6379 };
const queue = new Queue('captures', { connection });

export const worker = new Worker('captures', async (job) => {
  await capture(job.data.id);
}, { connection });

export async function enqueue(id: string): Promise<void> {
  await queue.add('capture', { id }, { attempts: 3 });
}
`,
    });
    expect(findings(cwd, 'no-unhandled-timeout')).toEqual(['src/worker.ts:8 retriedBlindly']);
  });
});
