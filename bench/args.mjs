// Command-line options of the bench scripts: `--name value` pairs and flags, no dependency.

/** The value after the first `name` in `args`, or `dflt` when `name` is absent. */
export function optionOf(args, name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}

/** Every value given after `name` (a repeatable option). */
export function optionsOf(args, name) {
  return args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
}
