/** Reading files the commands may create or edit: absent is an answer, a folder in the way is the user's to fix. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/**
 * The file's text, or undefined when it does not exist (nor does a folder on its path). A folder where the file
 * should be is a UsageError naming it: `Cannot <verb> <file>: a folder of that name exists.`
 */
export function readTextIfExists(file: string, verb: 'write' | 'use' = 'write'): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'EISDIR') throw new UsageError(`Cannot ${verb} ${file}: a folder of that name exists.`);
    throw error;
  }
}

/** Hex sha256 of a text (UTF-8): how the scaffolding recognizes content it wrote. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
