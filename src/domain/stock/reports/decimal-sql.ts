/**
 * Exact decimal SQL on both engines: MariaDB's DECIMAL arithmetic is exact as it is; SQLite
 * keeps decimals as text, summed and compared by the kernel's dec_* functions
 * (src/kernel/money/sqlite-functions.ts), never through REAL.
 */
export interface DecimalSql {
  /** the exact sum of a decimal expression (NULL over no rows) */
  sum(expr: string): string;
  /** `expr <op> 0`, compared exactly */
  vsZero(expr: string, op: CompareOp): string;
  /** `a <op> b`, compared exactly (SQLite's `-` on decimal text would go through REAL) */
  compare(a: string, b: string, op: CompareOp): string;
  /** the exact least value of a decimal expression (NULL over no rows) */
  min(expr: string): string;
  /** the exact greatest value (NULL over no rows) */
  max(expr: string): string;
  /** a bound decimal parameter (pass its digits as a string) */
  param: string;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';

const MARIADB: DecimalSql = {
  sum: (expr) => `SUM(${expr})`,
  vsZero: (expr, op) => `${expr} ${op} 0`,
  compare: (a, b, op) => `${a} ${op} ${b}`,
  min: (expr) => `MIN(${expr})`,
  max: (expr) => `MAX(${expr})`,
  // a string compared with a DECIMAL would be compared as a double
  param: 'CAST(? AS DECIMAL(30,9))',
};

const SQLITE: DecimalSql = {
  sum: (expr) => `dec_sum(${expr})`,
  vsZero: (expr, op) => `dec_cmp(${expr}, 0) ${op} 0`,
  compare: (a, b, op) => `dec_cmp(${a}, ${b}) ${op} 0`,
  min: (expr) => `dec_min(${expr})`,
  max: (expr) => `dec_max(${expr})`,
  param: '?',
};

export function decimalSql(engine: 'mariadb' | 'sqlite'): DecimalSql {
  return engine === 'sqlite' ? SQLITE : MARIADB;
}
