/**
 * How a value appears inside text: strings as they are, missing values and null as nothing, numbers
 * and booleans as written, lists and objects as JSON.
 */
export function templateValueToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}
