import { Ctx } from '../db/context';
import { LinkValidationError, MandatoryError, ValidationError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { FieldDef } from '../metadata/types';
import { coerceInput, isEmpty } from '../metadata/values';
import { Doc } from './types';

function label(f: FieldDef): string {
  return f.label ?? f.fieldname;
}

/**
 * The checks every save runs before the controller's validate: mandatory fields, Select
 * options, and Link/Dynamic Link targets (existing, not cancelled, same company where
 * declared), filling fetch_from values from the linked documents.
 */
export class DocValidator {
  constructor(private readonly registry: MetaRegistry) {}

  async validate(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<void> {
    const missing: string[] = [];
    await this.validateRow(ctx, meta, doc, doc, missing, '');
    for (const tf of meta.tableFields) {
      const child = this.registry.get(tf.options!)!;
      for (const row of doc[tf.fieldname] ?? []) {
        await this.validateRow(ctx, child, row, doc, missing, `${label(tf)} row #${row.idx}: `);
      }
    }
    if (missing.length) throw new MandatoryError(`Error: Value missing for ${meta.name}: ${missing.join(', ')}`);
  }

  private async validateRow(ctx: Ctx, meta: DocTypeMeta, row: Doc, parent: Doc, missing: string[], prefix: string): Promise<void> {
    for (const f of meta.fields) {
      const v = row[f.fieldname];
      if (f.fieldtype === 'Table') {
        if (f.reqd && !(v ?? []).length) missing.push(prefix + label(f));
        continue;
      }
      if (f.reqd && isEmpty(v)) {
        missing.push(prefix + label(f));
        continue;
      }
      if (isEmpty(v)) continue;
      if (f.fieldtype === 'Select' && f.options && !meta.selectOptions(f).includes(String(v))) {
        throw new ValidationError(`${prefix}${label(f)} cannot be "${v}". It should be one of ${meta.selectOptions(f).filter(Boolean).map((o) => `"${o}"`).join(', ')}`);
      }
      if (f.fieldtype === 'Link') await this.checkLink(ctx, meta, f, f.options!, String(v), row, parent, prefix);
      if (f.fieldtype === 'Dynamic Link') {
        const target = row[f.options!];
        if (isEmpty(target)) throw new MandatoryError(`Error: Value missing for ${meta.name}: ${prefix}${label(meta.field(f.options!)!)}`);
        await this.checkLink(ctx, meta, f, String(target), String(v), row, parent, prefix);
      }
    }
  }

  private async checkLink(ctx: Ctx, meta: DocTypeMeta, f: FieldDef, targetType: string, value: string, row: Doc, parent: Doc, prefix: string): Promise<void> {
    if (targetType === 'DocType') {
      if (!this.registry.get(value)) throw new LinkValidationError(`${prefix}Could not find ${label(f)}: ${value}`);
      return;
    }
    const target = this.registry.get(targetType);
    if (!target) throw new LinkValidationError(`${prefix}${label(f)}: ${targetType} is not a DocType`);
    const fetches = meta.fields.filter((o) => o.fetch_from?.startsWith(`${f.fieldname}.`));
    const wantCompany = f.same_company && target.def.company_field && (parent[meta.def.company_field ?? 'company'] ?? null);
    const cols = new Set(['name', 'docstatus']);
    for (const o of fetches) cols.add(o.fetch_from!.split('.')[1]);
    if (wantCompany) cols.add(target.def.company_field!);
    const selected = [...cols].filter((c) => target.hasColumn(c));
    const [hit] = await ctx.db.query(
      `SELECT ${selected.map((c) => `\`${c}\``).join(', ')} FROM \`${target.tableName}\` WHERE name = ?`,
      [value],
    );
    if (!hit) throw new LinkValidationError(`${prefix}Could not find ${label(f)}: ${value}`);
    if (target.isSubmittable && Number(hit.docstatus) === 2 && f.fieldname !== 'amended_from') {
      throw new LinkValidationError(`${prefix}${label(f)}: ${targetType} ${value} is cancelled`);
    }
    if (wantCompany && hit[target.def.company_field!] !== wantCompany) {
      throw new LinkValidationError(`${prefix}${label(f)}: ${targetType} ${value} does not belong to company ${wantCompany}`);
    }
    for (const o of fetches) {
      const src = o.fetch_from!.split('.')[1];
      if (src in hit && isEmpty(row[o.fieldname])) row[o.fieldname] = coerceInput(meta, o, hit[src]);
    }
  }
}
