import { DbEngine } from '../../config/config';
import { ValidationError } from '../errors/errors';
import { DocTypeMeta } from '../metadata/meta';
import type { Queryable } from './context';

/**
 * Full-text search over a doctype's `search_fields`: MariaDB's FULLTEXT index (boolean mode), or
 * SQLite's FTS5 table `tab<DocType>__search` (external content, kept in step by triggers).
 *
 * The user's term never reaches the SQL text, and no operator of either engine survives: it is cut
 * into words (runs of unicode letters and digits; everything else, `+ - > < ( ) ~ * " @ : ^ '`
 * included, separates words), the operator words AND, OR, NOT and NEAR are dropped, and every word
 * left is required as a word prefix ("lap" finds "Laptop"), whichever search field holds it.
 *
 * MariaDB's FULLTEXT index keeps no word shorter than innodb_ft_min_token_size (3 by default),
 * longer than innodb_ft_max_token_size (84) or among InnoDB's stopwords ("the", "for", "com"...),
 * so `+wit*` cannot find "with" either: a word that is short, too long, or the start of a stopword
 * ("the", "wit", "abou") is looked for instead by a REGEXP on the same columns: the word at the start of a
 * column or after a character that is not an ASCII letter or digit (so "15" finds "Laptop-15" and
 * not "2150"; after a non-ASCII letter it counts as a word start too). The word holds only letters
 * and digits, so it carries no regular-expression syntax, and it is a parameter. That is a scan of
 * the rows the indexed words leave, fine at catalogue sizes. SQLite's FTS5 indexes every word.
 * Both compare case- and accent-insensitively (FTS5's unicode61 tokenizer; MariaDB's collation).
 */

/** Longest term accepted, in characters. */
export const MAX_TERM_LENGTH = 200;
/** Most words in a term. */
export const MAX_TERM_WORDS = 10;
/** MariaDB's default innodb_ft_min_token_size: shorter words are not in a FULLTEXT index. */
export const MARIADB_MIN_TOKEN = 3;
/** MariaDB's default innodb_ft_max_token_size: longer words are not in a FULLTEXT index either. */
export const MARIADB_MAX_TOKEN = 84;

/** FTS5 and MariaDB operator words, dropped from a term. */
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'near']);

/** InnoDB's default full-text stopwords (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD). */
const INNODB_STOPWORDS = new Set(
  'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(' '),
);

/**
 * The words of a search term, operators dropped, in order, without repeats (compared lowercased).
 * A term over MAX_TERM_LENGTH characters or of more than MAX_TERM_WORDS words is refused.
 */
export function searchWords(term: string): string[] {
  if (typeof term !== 'string') throw new ValidationError('Search term must be text');
  if ([...term].length > MAX_TERM_LENGTH) throw new ValidationError(`Search term is too long: at most ${MAX_TERM_LENGTH} characters`);
  const words: string[] = [];
  const seen = new Set<string>();
  for (const raw of term.normalize('NFC').split(/[^\p{L}\p{N}\p{M}]+/u)) {
    const lower = raw.toLowerCase();
    if (!raw || OPERATOR_WORDS.has(lower) || seen.has(lower)) continue;
    seen.add(lower);
    words.push(raw);
  }
  if (words.length > MAX_TERM_WORDS) throw new ValidationError(`Search term has too many words: at most ${MAX_TERM_WORDS}`);
  return words;
}

/**
 * Whether MariaDB's FULLTEXT index can find every word starting with `word` (else the REGEXP
 * fallback looks for it): not when it is shorter or longer than the tokens it keeps, nor when a
 * stopword starts with it (`+wit*` finds "witness" but never "with", which is not indexed).
 */
export function fullTextIndexable(word: string): boolean {
  const length = [...word].length;
  const lower = word.toLowerCase();
  return length >= MARIADB_MIN_TOKEN && length <= MARIADB_MAX_TOKEN && ![...INNODB_STOPWORDS].some((s) => s.startsWith(lower));
}

/** The MariaDB boolean-mode query of some words: each one required, as a prefix (`+word*`). */
export function mariadbBooleanQuery(words: readonly string[]): string {
  return words.map((w) => `+${w}*`).join(' ');
}

/** The FTS5 query of some words: each one a quoted string, as a prefix, all required (`"word"*`). */
export function fts5Query(words: readonly string[]): string {
  // a word holds letters and digits only, so no `"` to double; the quotes make it a plain string
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/** The FTS5 table searching a doctype's table. */
export function searchTableName(meta: DocTypeMeta): string {
  return `${meta.tableName}__search`;
}

/**
 * A condition matching the rows of `meta`'s table (read as `alias`) that hold every word of `term`
 * in their search fields: `{ sql, params }` to AND into a WHERE clause; null when no word is left
 * once the operators are dropped (the caller decides: no filter, or no rows).
 */
export function fullTextMatch(engine: DbEngine, meta: DocTypeMeta, alias: string, term: string): { sql: string; params: unknown[] } | null {
  const fields = meta.searchFields;
  if (!fields.length) throw new Error(`${meta.name} has no search_fields`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw new Error(`not an alias: ${alias}`);
  const words = searchWords(term);
  if (!words.length) return null;
  if (engine === 'sqlite') {
    const fts = searchTableName(meta);
    return { sql: `${alias}.rowid IN (SELECT rowid FROM \`${fts}\` WHERE \`${fts}\` MATCH ?)`, params: [fts5Query(words)] };
  }
  const columns = fields.map((f) => `${alias}.\`${f}\``);
  const indexed = words.filter(fullTextIndexable);
  const short = words.filter((w) => !fullTextIndexable(w));
  const parts: string[] = [];
  const params: unknown[] = [];
  if (indexed.length) {
    parts.push(`MATCH(${columns.join(', ')}) AGAINST (? IN BOOLEAN MODE)`);
    params.push(mariadbBooleanQuery(indexed));
  }
  for (const w of short) {
    parts.push(`(${columns.map((c) => `${c} REGEXP ?`).join(' OR ')})`);
    params.push(...columns.map(() => `(^|[^[:alnum:]])${w}`));
  }
  return { sql: parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`, params };
}

/**
 * The statements that make `meta`'s FTS5 table and its triggers on SQLite, the table filled
 * from the rows already there ('rebuild'). Idempotent pieces: the triggers are IF NOT EXISTS.
 */
export function sqliteSearchDdl(meta: DocTypeMeta): { table: string[]; triggers: string[]; rebuild: string } {
  const t = meta.tableName;
  const fts = searchTableName(meta);
  const cols = meta.searchFields.map((f) => `\`${f}\``).join(', ');
  const neu = meta.searchFields.map((f) => `new.\`${f}\``).join(', ');
  const old = meta.searchFields.map((f) => `old.\`${f}\``).join(', ');
  const insert = `INSERT INTO \`${fts}\`(rowid, ${cols}) VALUES (new.rowid, ${neu});`;
  const remove = `INSERT INTO \`${fts}\`(\`${fts}\`, rowid, ${cols}) VALUES ('delete', old.rowid, ${old});`;
  return {
    table: [`CREATE VIRTUAL TABLE \`${fts}\` USING fts5(${cols}, content='${t}', content_rowid='rowid')`],
    triggers: [
      `CREATE TRIGGER IF NOT EXISTS \`${fts}_ai\` AFTER INSERT ON \`${t}\` BEGIN ${insert} END`,
      `CREATE TRIGGER IF NOT EXISTS \`${fts}_ad\` AFTER DELETE ON \`${t}\` BEGIN ${remove} END`,
      `CREATE TRIGGER IF NOT EXISTS \`${fts}_au\` AFTER UPDATE ON \`${t}\` BEGIN ${remove} ${insert} END`,
    ],
    rebuild: `INSERT INTO \`${fts}\`(\`${fts}\`) VALUES ('rebuild')`,
  };
}

/**
 * Brings the FTS5 tables of the doctypes with search_fields in step on SQLite (called by migrate):
 * a missing table is made and filled from its doctype's rows; one over other columns than the
 * definition's is dropped (its triggers with it) and made again; missing triggers are added.
 * Returns the statements it ran (with dryRun: would run).
 */
export async function syncSqliteSearchTables(q: Pick<Queryable, 'query'>, metas: readonly DocTypeMeta[], dryRun = false): Promise<string[]> {
  const ran: string[] = [];
  const run = async (sql: string) => {
    ran.push(sql);
    if (!dryRun) await q.query(sql);
  };
  for (const meta of metas) {
    if (!meta.searchFields.length) continue;
    const fts = searchTableName(meta);
    const ddl = sqliteSearchDdl(meta);
    const [live] = await q.query<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [fts]);
    const wanted = ddl.table[0];
    if (live && live.sql !== wanted) {
      for (const s of ['ai', 'ad', 'au']) await run(`DROP TRIGGER IF EXISTS \`${fts}_${s}\``);
      await run(`DROP TABLE \`${fts}\``);
    }
    const triggers = await q.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`, [meta.tableName]);
    const have = new Set(triggers.map((r) => r.name));
    const fresh = !live || live.sql !== wanted;
    if (fresh) await run(wanted);
    for (const [i, s] of ['ai', 'ad', 'au'].entries()) if (fresh || !have.has(`${fts}_${s}`)) await run(ddl.triggers[i]);
    // a new table, or triggers that were missing (rows may have changed unseen): index every row again
    if (fresh || ['ai', 'ad', 'au'].some((s) => !have.has(`${fts}_${s}`))) await run(ddl.rebuild);
  }
  return ran;
}

/**
 * An ORDER BY expression putting the best matches of `term` first (use it with fullTextMatch's
 * condition, as `ORDER BY <sql>, <a tie-breaker>`): MariaDB's boolean-mode MATCH score (its short
 * words add nothing to it), SQLite's bm25 of the FTS5 row (lower is better there, so negated).
 * Null when no word is left.
 */
export function fullTextRank(engine: DbEngine, meta: DocTypeMeta, alias: string, term: string): { sql: string; params: unknown[] } | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw new Error(`not an alias: ${alias}`);
  const words = searchWords(term);
  if (!words.length) return null;
  if (engine === 'sqlite') {
    const fts = searchTableName(meta);
    return { sql: `(SELECT -bm25(\`${fts}\`) FROM \`${fts}\` WHERE \`${fts}\` MATCH ? AND rowid = ${alias}.rowid) DESC`, params: [fts5Query(words)] };
  }
  const indexed = words.filter(fullTextIndexable);
  // no score to order by (NULL: a bare 0 would be read as a column position)
  if (!indexed.length) return { sql: 'NULL', params: [] };
  const columns = meta.searchFields.map((f) => `${alias}.\`${f}\``);
  return { sql: `MATCH(${columns.join(', ')}) AGAINST (? IN BOOLEAN MODE) DESC`, params: [mariadbBooleanQuery(indexed)] };
}
