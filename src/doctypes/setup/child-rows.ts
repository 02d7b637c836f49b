import { hashName } from '../../kernel/document/naming';
import { Doc } from '../../kernel/document/types';

/**
 * Appends a child row from a controller hook. The lifecycle has already given the existing rows
 * their parent keys by then, so the new row gets them here, in the same shape.
 */
export function appendChildRow(doc: Doc, parenttype: string, parentfield: string, values: Doc): Doc {
  const rows: Doc[] = (doc[parentfield] ??= []);
  const row: Doc = {
    ...values,
    name: hashName(),
    parent: doc.name,
    parenttype,
    parentfield,
    idx: rows.length + 1,
    docstatus: doc.docstatus ?? 0,
    owner: doc.owner,
    creation: doc.modified,
    modified: doc.modified,
    modified_by: doc.modified_by,
  };
  rows.push(row);
  return row;
}

/** Renumbers `idx` after rows were removed. */
export function renumber(rows: Doc[]): void {
  rows.forEach((row, i) => (row.idx = i + 1));
}
