#!/usr/bin/env node
/**
 * The `assume` binary. The only place that prints to the terminal, reads process state, and sets the exit
 * code: every command returns its output and throws typed errors that `run` maps to exit codes.
 */
import { createInterface, type Interface } from 'node:readline';
import { AssumeError, ExitCode, UsageError } from './errors.js';
import { run, type Outcome } from './program.js';

/** Answers typed on the terminal, queued so that lines typed (or pasted) ahead of a question are kept. */
let terminal: { rl: Interface; lines: string[]; waiting?: (line: string | undefined) => void; closed: boolean } | undefined;

function openTerminal(): NonNullable<typeof terminal> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const state: NonNullable<typeof terminal> = { rl, lines: [], closed: false };
  rl.on('line', (line) => {
    const waiting = state.waiting;
    state.waiting = undefined;
    if (waiting) waiting(line);
    else state.lines.push(line);
  });
  rl.on('close', () => {
    state.closed = true;
    const waiting = state.waiting;
    state.waiting = undefined;
    waiting?.(undefined);
  });
  return state;
}

async function ask(question: string, fallback: string): Promise<string> {
  terminal ??= openTerminal();
  const state = terminal;
  process.stderr.write(`${question} [${fallback}]: `);
  const line = state.lines.shift() ?? (state.closed ? undefined : await new Promise<string | undefined>((resolve) => (state.waiting = resolve)));
  if (line === undefined) {
    process.stderr.write('\n');
    throw new UsageError('No answer (input closed). Pass the values as options, or --yes to take the defaults.');
  }
  return line.trim() === '' ? fallback : line.trim();
}

/** The one place errors become exit codes: typed errors by their kind, anything else is a bug (exit 2). */
function outcomeOf(error: unknown): Outcome {
  if (error instanceof AssumeError) return { exitCode: error.exitCode, stdout: '', stderr: `assume: ${error.kind} error: ${error.message}\n` };
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && process.env.ASSUME_DEBUG ? `\n${error.stack ?? ''}` : '';
  return { exitCode: ExitCode.error, stdout: '', stderr: `assume: internal error: ${message}${stack}\nThis is a bug in assume-lint; set ASSUME_DEBUG=1 for the stack trace.\n` };
}

let outcome: Outcome;
try {
  outcome = await run(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: Boolean(process.stdin.isTTY as boolean | undefined),
    stdoutIsTTY: Boolean(process.stdout.isTTY as boolean | undefined),
    stderrIsTTY: Boolean(process.stderr.isTTY as boolean | undefined),
    progress: (line) => {
      // A progress line is rewritten in place on a terminal; elsewhere (--verbose) it is a plain line.
      if (process.stderr.isTTY) process.stderr.write(`\r\u001b[K${line}`);
      else if (line) process.stderr.write(`${line}\n`);
    },
    ask,
  });
} catch (error) {
  outcome = outcomeOf(error);
} finally {
  terminal?.rl.close();
}
if (outcome.stdout) process.stdout.write(outcome.stdout);
if (outcome.stderr) process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
