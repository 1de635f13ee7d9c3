import { InvalidArgumentError } from 'commander';

/** commander parser: a whole number in [min, max], with a message naming the option and the value. */
export function wholeNumber(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}, got "${value}".`);
    }
    return parsed;
  };
}

/** commander parser: a positive amount of US dollars, such as `5` or `0.25`. */
export function dollars(name: string) {
  return (value: string): number => {
    const parsed = Number(value.replace(/^\$/, ''));
    if (!Number.isFinite(parsed) || parsed <= 0) {
      throw new InvalidArgumentError(
        `${name} must be a positive number of US dollars such as 5 or 0.25, got "${value}".`,
      );
    }
    return parsed;
  };
}
