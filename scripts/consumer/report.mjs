// One printed line per check (`ok   name: detail` or `FAIL name: detail`, details of a failure indented
// below it) and the counts for the closing `N passed, N failed` line.

export const counts = { passed: 0, failed: 0 };

export function report(ok, name, detail = '') {
  counts[ok ? 'passed' : 'failed'] += 1;
  const [first, ...rest] = String(detail).split('\n');
  const line = `${ok ? 'ok  ' : 'FAIL'} ${name}${first ? `: ${first}` : ''}`;
  process.stdout.write(`${[line, ...rest.map((text) => `       ${text}`)].join('\n')}\n`);
}

/** Runs one check: it passes when `body` resolves (its value is the detail) and fails when it throws. */
export async function check(name, body) {
  try {
    report(true, name, await body());
    return true;
  } catch (error) {
    report(false, name, error instanceof Error ? error.message : String(error));
    return false;
  }
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export const ms = (value) => `${Math.round(value)} ms`;

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export const msSince = (started) => Number(process.hrtime.bigint() - started) / 1e6;
