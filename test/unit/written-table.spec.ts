import { writtenTable } from '../../src/kernel/db/database';

/** The table a statement writes, which the document cache and the ChangeFeed are keyed on. */
describe('writtenTable', () => {
  it.each([
    ['INSERT INTO `tabItem` (name) VALUES (?)', 'tabItem'],
    ['  insert ignore into `tabItem Default` (name) VALUES (?)', 'tabItem Default'],
    ['REPLACE INTO `__Auth` (doctype) VALUES (?)', '__Auth'],
    ['UPDATE `tabSales Order` SET status = ? WHERE name = ?', 'tabSales Order'],
    ['\n  DELETE FROM `tabHas Role` WHERE parent = ?', 'tabHas Role'],
  ])('%s → %s', (sql, table) => expect(writtenTable(sql)).toBe(table));

  it.each(['SELECT * FROM `tabItem`', 'SELECT name FROM `tabItem` WHERE name = ? FOR UPDATE', 'PRAGMA journal_mode = WAL'])('%s writes nothing', (sql) =>
    expect(writtenTable(sql)).toBeUndefined(),
  );
});
