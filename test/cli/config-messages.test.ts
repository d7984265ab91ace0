/** What a broken config file's message tells the user: the file, and where in it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../cli/config.js';
import { ConfigError } from '../../cli/errors.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function errorOf(file: string, content: string): Promise<ConfigError> {
  const dir = mkdtempSync(join(tmpdir(), 'assume-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, file), content);
  const error: unknown = await loadConfig({ cwd: dir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('config messages', () => {
  it('invalid JSON: the file, and the line and column', async () => {
    const e = await errorOf('assume.config.json', '{\n  "include": ["src",, "lib"]\n}\n');
    expect(e.message).toMatch(/^assume\.config\.json is not valid JSON: line 2, column \d+: /);
    expect(e.message).not.toContain(tmpdir());
  });

  it('invalid YAML: the file, and the line and column', async () => {
    const e = await errorOf('assume.config.yaml', 'include:\n  - src\n exclude: [\n');
    expect(e.message).toMatch(/^assume\.config\.yaml is not valid YAML: .*line \d+, column \d+/);
  });

  it('a JSON config with a byte-order mark is read (and validated) like any other', async () => {
    const e = await errorOf('assume.config.json', '\uFEFF{ "frobnicate": true }');
    expect(e.message).toContain('Unknown key "frobnicate"');
  });

  it('null, or a JS config exporting nothing, is an error rather than an empty config', async () => {
    expect((await errorOf('assume.config.json', 'null\n')).message).toMatch(/must be an object of settings/);
    expect((await errorOf('assume.config.cjs', 'module.exports = null;\n')).message).toMatch(/must be an object of settings/);
  });

  it('a JS config that throws a non-Error value: named file, the value shown', async () => {
    const e = await errorOf('assume.config.cjs', "throw { code: 'WEIRD' };\n");
    expect(e.message).toContain('assume.config.cjs');
    expect(e.message).toContain('"code":"WEIRD"');
    expect(e.message).not.toContain('[object Object]');
  });
});
