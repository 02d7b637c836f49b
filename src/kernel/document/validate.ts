import { Ctx } from '../db/context';
import { LinkValidationError, MandatoryError, ValidationError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { FieldDef } from '../metadata/types';
import { coerceInput, isEmpty } from '../metadata/values';
import { Doc } from './types';

function label(f: FieldDef): string {
  return f.label ?? f.fieldname;
}

/** A Link or Dynamic Link value to check against its target doctype. */
interface LinkRef {
  meta: DocTypeMeta;
  f: FieldDef;
  targetType: string;
  value: string;
  row: Doc;
  parent: Doc;
  prefix: string;
}

/** The rows of one linked doctype a save refers to, by name. */
type Found = Map<string, Map<string, Record<string, unknown>>>;

/** MariaDB's collation matches names case- and trailing-space-insensitively: so does the lookup. */
const looseKey = (name: string) => name.toLowerCase().trimEnd();

/**
 * The checks every save runs before the controller's validate: mandatory fields, Select
 * options, and Link/Dynamic Link targets (existing, not cancelled, same company where
 * declared), filling fetch_from values from the linked documents. The targets are read with
 * one query per linked doctype, whatever the number of rows that link to it.
 */
export class DocValidator {
  constructor(private readonly registry: MetaRegistry) {}

  async validate(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<void> {
    const missing: string[] = [];
    /** the checks in field order, run once the linked rows are loaded */
    const checks: ((found: Found) => void)[] = [];
    const links: LinkRef[] = [];
    this.collect(meta, doc, doc, '', missing, checks, links);
    for (const tf of meta.tableFields) {
      const child = this.registry.get(tf.options!)!;
      for (const row of doc[tf.fieldname] ?? []) this.collect(child, row, doc, `${label(tf)} row #${row.idx}: `, missing, checks, links);
    }
    const found = await this.loadTargets(ctx, links);
    for (const check of checks) check(found);
    if (missing.length) throw new MandatoryError(`Error: Value missing for ${meta.name}: ${missing.join(', ')}`);
  }

  private collect(meta: DocTypeMeta, row: Doc, parent: Doc, prefix: string, missing: string[], checks: ((found: Found) => void)[], links: LinkRef[]): void {
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
        checks.push(() => {
          throw new ValidationError(`${prefix}${label(f)} cannot be "${v}". It should be one of ${meta.selectOptions(f).filter(Boolean).map((o) => `"${o}"`).join(', ')}`);
        });
      }
      if (f.fieldtype === 'Link') this.addLink({ meta, f, targetType: f.options!, value: String(v), row, parent, prefix }, checks, links);
      if (f.fieldtype === 'Dynamic Link') {
        const target = row[f.options!];
        if (isEmpty(target)) {
          checks.push(() => {
            throw new MandatoryError(`Error: Value missing for ${meta.name}: ${prefix}${label(meta.field(f.options!)!)}`);
          });
        } else this.addLink({ meta, f, targetType: String(target), value: String(v), row, parent, prefix }, checks, links);
      }
    }
  }

  private addLink(ref: LinkRef, checks: ((found: Found) => void)[], links: LinkRef[]): void {
    links.push(ref);
    checks.push((found) => this.checkLink(ref, found));
  }

  /** One `name IN (…)` query per linked doctype (none for rows this transaction has read already). */
  private async loadTargets(ctx: Ctx, links: LinkRef[]): Promise<Found> {
    const byTarget = new Map<string, LinkRef[]>();
    for (const ref of links) {
      if (ref.targetType === 'DocType' || !this.registry.get(ref.targetType)) continue;
      byTarget.set(ref.targetType, [...(byTarget.get(ref.targetType) ?? []), ref]);
    }
    const found: Found = new Map();
    for (const [targetType, refs] of byTarget) {
      const target = this.registry.get(targetType)!;
      // Whole rows, kept by the transaction: the controllers' reads of the same masters cost nothing.
      const rows = await ctx.db.rowsByName(target.tableName, [...new Set(refs.map((r) => r.value))]);
      const index = new Map<string, Record<string, unknown>>();
      for (const r of rows) index.set(String(r.name), r).set(looseKey(String(r.name)), r);
      found.set(targetType, index);
    }
    return found;
  }

  private fetches(ref: LinkRef): FieldDef[] {
    return ref.meta.fields.filter((o) => o.fetch_from?.startsWith(`${ref.f.fieldname}.`));
  }

  /** The company the target must belong to, when the field asks for the same company. */
  private wantCompany(ref: LinkRef): string | null {
    const target = this.registry.get(ref.targetType)!;
    if (!ref.f.same_company || !target.def.company_field) return null;
    return ref.parent[ref.meta.def.company_field ?? 'company'] ?? null;
  }

  private checkLink(ref: LinkRef, found: Found): void {
    const { f, targetType, value, row, prefix } = ref;
    if (targetType === 'DocType') {
      if (!this.registry.get(value)) throw new LinkValidationError(`${prefix}Could not find ${label(f)}: ${value}`);
      return;
    }
    const target = this.registry.get(targetType);
    if (!target) throw new LinkValidationError(`${prefix}${label(f)}: ${targetType} is not a DocType`);
    const rows = found.get(targetType);
    const hit = rows?.get(value) ?? rows?.get(looseKey(value));
    if (!hit) throw new LinkValidationError(`${prefix}Could not find ${label(f)}: ${value}`);
    if (target.isSubmittable && Number(hit.docstatus) === 2 && f.fieldname !== 'amended_from') {
      throw new LinkValidationError(`${prefix}${label(f)}: ${targetType} ${value} is cancelled`);
    }
    const wantCompany = this.wantCompany(ref);
    if (wantCompany && hit[target.def.company_field!] !== wantCompany) {
      throw new LinkValidationError(`${prefix}${label(f)}: ${targetType} ${value} does not belong to company ${wantCompany}`);
    }
    for (const o of this.fetches(ref)) {
      const src = o.fetch_from!.split('.')[1];
      if (src in hit && isEmpty(row[o.fieldname])) row[o.fieldname] = coerceInput(ref.meta, o, hit[src]);
    }
  }
}
