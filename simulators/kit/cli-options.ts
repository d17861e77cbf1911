/**
 * Strict option parsers for a simulator's `roster simulate <name>` command (commander), so a typo fails at
 * start rather than later.
 */
import { InvalidArgumentError } from "commander";

/** Parses an integer >= `min`; `name` appears in the error ("port must be an integer >= 0"). */
export function integerOption(name: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };
}

/** Wraps a parser that throws plain Errors (e.g. parseFaults) so commander reports them as invalid arguments. */
export function parsedOption<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}
