import { parse, stringify } from 'lossless-json';
import { exactNumbersWritten, jsonNumber } from './decimal';

/**
 * JSON that keeps every digit of its numbers, both ways: what a double can hold is a plain
 * number, anything else an ExactNumber with the digits as sent (0.1, 2.675 and 19.99 are plain
 * numbers, since a double prints them back as they came; 1234567890.123456789 is not).
 */
export function parseExactJson(text: string): unknown {
  return parse(text, null, jsonNumber);
}

/**
 * JSON.stringify's output, except that ExactNumbers are written with their digits. Most answers
 * hold none: the engine's own JSON.stringify writes them (several times faster than
 * lossless-json's), and only when it met an ExactNumber (it counts itself) or a BigInt is the
 * value written again digit-exact.
 */
export function stringifyExactJson(value: unknown): string {
  return writeExactJson(value).text;
}

/** stringifyExactJson's text, and whether JSON.parse reads it back exactly (no number a double would change). */
export function writeExactJson(value: unknown): { text: string; plain: boolean } {
  const before = exactNumbersWritten.count;
  try {
    const text = JSON.stringify(value);
    if (exactNumbersWritten.count === before) return { text: text ?? '', plain: true };
  } catch {
    // a BigInt: lossless-json writes its digits
  }
  return { text: stringify(value) ?? '', plain: false };
}
