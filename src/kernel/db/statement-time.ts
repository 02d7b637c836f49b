/**
 * A time budget for one read statement. MariaDB stops a statement run as
 * `SET STATEMENT max_statement_time=<s> FOR <select>` once the budget is spent (error 1969), so a
 * costly read asked for by the public cannot hold a connection and a core for minutes. SQLite
 * (the embedded, one-process engine) has no such limit: the text is left as it is.
 */
export function withTimeLimit(engine: 'mariadb' | 'sqlite', ms: number | null | undefined, sql: string): string {
  if (engine !== 'mariadb' || !ms) return sql;
  return `SET STATEMENT max_statement_time=${(ms / 1000).toFixed(3)} FOR ${sql}`;
}

/** MariaDB's ER_STATEMENT_TIMEOUT: the statement reached its max_statement_time. */
const STATEMENT_TIMEOUT = 1969;

export function isStatementTimeout(err: unknown): boolean {
  const e = err as { errno?: number; driverError?: { errno?: number } } | null;
  return (e?.errno ?? e?.driverError?.errno) === STATEMENT_TIMEOUT;
}
