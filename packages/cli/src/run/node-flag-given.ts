/**
 * Whether the user gave node a flag matching `flag` (e.g. `/^--heap[-_]growing[-_]percent\b/`), on the
 * command line (`execArgv`) or in `NODE_OPTIONS`: a V8 setting the user chose wins over the CLI's own.
 */
export function nodeFlagGiven(
  flag: RegExp,
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): boolean {
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((given) => flag.test(given));
}
