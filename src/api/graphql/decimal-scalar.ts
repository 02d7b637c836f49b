import Decimal from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isLosslessNumber } from 'lossless-json';
import { Money, wireNumber } from '../../kernel/money/decimal';

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function toMoney(value: unknown): Decimal {
  if (value instanceof Decimal) return value;
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : isLosslessNumber(value) || typeof value === 'string' ? String(value).trim() : '';
  if (!NUMBER_TEXT.test(text)) throw new GraphQLError(`Decimal cannot represent ${JSON.stringify(String(value))}`);
  return new Money(text);
}

/**
 * Float, Currency and Percent values: JSON numbers with exactly the digits of the stored
 * decimal, which the server keeps at the field's precision (the currency's for Currency
 * fields). As input, a number or a numeric string, taken as written.
 */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  // a finite double is written as it is (the same digits its Decimal would give), without the round trip
  serialize: (value) => (typeof value === 'number' && Number.isFinite(value) ? value : wireNumber(toMoney(value))),
  parseValue: (value) => toMoney(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT || ast.kind === Kind.STRING) return toMoney(ast.value);
    throw new GraphQLError('Decimal takes a number or a numeric string');
  },
});
