/**
 * Typed errors of the CLI. Commands throw them; `cli/index.ts` maps each to an exit code in one place.
 * Anything else that escapes a command is an internal error (a bug in assume-lint), also exit 2.
 */

/** Exit codes: the contract CI scripts rely on. */
export const ExitCode = {
  /** Nothing to report. */
  clean: 0,
  /** Findings at or above the fail level. */
  findings: 1,
  /** Usage, configuration or internal error: the run did not happen as asked. */
  error: 2,
  /** Some inputs could not be analyzed while the rest was: never reported as clean. */
  incomplete: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base of the CLI's typed errors. */
export abstract class AssumeError extends Error {
  abstract readonly exitCode: ExitCode;
  /** One-word kind shown before the message (`usage`, `config`, `internal`). */
  abstract readonly kind: string;
}

/** The command line asked for something that cannot be done: bad flag, bad argument, unsafe path. */
export class UsageError extends AssumeError {
  readonly exitCode = ExitCode.error;
  readonly kind = 'usage';
  override readonly name = 'UsageError';
}

/** A configuration file is unreadable, unparsable or invalid. Names the file and, where known, the key. */
export class ConfigError extends AssumeError {
  readonly exitCode = ExitCode.error;
  readonly kind = 'config';
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** The file at fault, relative to the working directory when possible. */
    readonly file?: string,
    /** JSON pointer-ish path of the key at fault, e.g. `register.checklist`. */
    readonly key?: string,
  ) {
    super(message);
  }
}

/** A bug or an environment failure (disk full, permission denied) that the user did not cause by usage. */
export class InternalError extends AssumeError {
  readonly exitCode = ExitCode.error;
  readonly kind = 'internal';
  override readonly name = 'InternalError';
}
