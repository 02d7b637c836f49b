import { parse, stringify } from 'lossless-json';
import { jsonNumber } from './decimal';

/**
 * JSON that keeps every digit of its numbers, both ways: what a double can hold is a plain
 * number, anything else an ExactNumber with the digits as sent (0.1, 2.675 and 19.99 are plain
 * numbers, since a double prints them back as they came; 1234567890.123456789 is not).
 */
export function parseExactJson(text: string): unknown {
  return parse(text, null, jsonNumber);
}

/** JSON.stringify's output, except that ExactNumbers are written with their digits. */
export function stringifyExactJson(value: unknown): string {
  return stringify(value) ?? '';
}
