/** Minimal ANSI styling for text output; off with NO_COLOR, --no-color, or when stdout is not a terminal. */
export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const identity = (text: string): string => text;

export function createColors(enabled: boolean): Colors {
  if (!enabled) return { bold: identity, dim: identity, red: identity, yellow: identity, green: identity, cyan: identity };
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** Color is on only on a terminal, unless NO_COLOR is set (any value) or --no-color was given. */
export function colorEnabled(options: { isTTY: boolean; env: Readonly<Record<string, string | undefined>>; flag: boolean }): boolean {
  if (!options.flag) return false;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '') return false;
  if (options.env.FORCE_COLOR !== undefined && options.env.FORCE_COLOR !== '0') return true;
  return options.isTTY;
}
