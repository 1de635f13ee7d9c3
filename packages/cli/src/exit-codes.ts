/**
 * What `tokenflow` exits with. Scripts and CI can rely on these.
 * - 0: every row done (or the command did what it was asked)
 * - 1: the run finished but some rows failed (see the errors file), or a model call failed (`chat`)
 * - 2: usage or pipeline errors: wrong arguments, a missing file, an invalid pipeline; nothing was run
 * - 130: interrupted (Ctrl-C); the run can be resumed with the same command
 */
export const exitCodes = {
  ok: 0,
  rowsFailed: 1,
  usage: 2,
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
