import { NumberSettings } from '../money/precision';
import {
  CHILD_FIELDS,
  DECIMAL_TYPES,
  DocTypeDef,
  FieldDef,
  PermDef,
  STANDARD_FIELDS,
  FieldType,
} from './types';

/** The field types full-text search can look in (stored as varchar or text). */
const TEXT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['Data', 'Link', 'Dynamic Link', 'Select', 'Text', 'Small Text', 'Long Text']);

/** A compiled doctype: the definition plus the lookups every layer needs. */
export class DocTypeMeta {
  readonly name: string;
  readonly tableName: string;
  /** Every column of the table, standard ones first (no Table fields). */
  readonly columns: readonly FieldDef[];
  /** Columns whose values live in this table (Password values are kept hashed in __Auth). */
  readonly storedColumns: readonly FieldDef[];
  /** Fields declared by the doctype (without standard columns), Table fields included. */
  readonly fields: readonly FieldDef[];
  readonly tableFields: readonly FieldDef[];
  readonly linkFields: readonly FieldDef[];
  /** Float, Currency and Percent columns (exact decimals). */
  readonly decimalColumns: readonly FieldDef[];
  private readonly byName = new Map<string, FieldDef>();

  constructor(
    readonly def: DocTypeDef,
    /** precision and rounding rules, shared by every doctype of a registry */
    readonly numbers: NumberSettings = new NumberSettings(),
  ) {
    this.name = def.name;
    this.tableName = `tab${def.name}`;
    const standard = [...STANDARD_FIELDS, ...(def.istable ? CHILD_FIELDS : [])];
    const extra: FieldDef[] = [];
    if (def.is_submittable && !def.fields.some((f) => f.fieldname === 'amended_from')) {
      extra.push({
        fieldname: 'amended_from',
        fieldtype: 'Link',
        options: def.name,
        label: 'Amended From',
        read_only: true,
        no_copy: true,
      });
    }
    if (def.nsm_parent_field) {
      extra.push(
        { fieldname: 'lft', fieldtype: 'Int', read_only: true, index: true, hidden: true },
        { fieldname: 'rgt', fieldtype: 'Int', read_only: true, index: true, hidden: true },
        { fieldname: 'is_group', fieldtype: 'Check', label: 'Is Group', default: 0 },
      );
    }
    const declared = [...def.fields, ...extra.filter((e) => !def.fields.some((f) => f.fieldname === e.fieldname))];
    this.columns = [...standard, ...declared.filter((f) => f.fieldtype !== 'Table')];
    this.storedColumns = this.columns.filter((f) => f.fieldtype !== 'Password');
    this.tableFields = declared.filter((f) => f.fieldtype === 'Table');
    this.linkFields = declared.filter((f) => f.fieldtype === 'Link');
    this.decimalColumns = this.storedColumns.filter((f) => DECIMAL_TYPES.includes(f.fieldtype));
    for (const f of [...standard, ...declared]) this.byName.set(f.fieldname, f);
    this.fields = declared;
    for (const field of Object.keys(def.public_filter ?? {})) {
      if (!this.columns.some((c) => c.fieldname === field)) throw new Error(`${def.name}: public_filter names ${field}, which is not one of its columns`);
    }
  }

  get isChild(): boolean {
    return !!this.def.istable;
  }

  get isSubmittable(): boolean {
    return !!this.def.is_submittable;
  }

  get isTree(): boolean {
    return !!this.def.nsm_parent_field;
  }

  get permissions(): readonly PermDef[] {
    return this.def.permissions;
  }

  /** The fields full-text search looks in (the definition's search_fields), none by default. */
  get searchFields(): readonly string[] {
    return this.def.search_fields ?? [];
  }

  get sortField(): string {
    return this.def.sort_field ?? 'modified';
  }

  get sortOrder(): 'asc' | 'desc' {
    return this.def.sort_order ?? 'desc';
  }

  get trackChanges(): boolean {
    return !this.isChild && this.def.track_changes !== false;
  }

  field(fieldname: string): FieldDef | undefined {
    return this.byName.get(fieldname);
  }

  hasColumn(fieldname: string): boolean {
    const f = this.byName.get(fieldname);
    return !!f && f.fieldtype !== 'Table';
  }

  isDecimal(f: FieldDef): boolean {
    return DECIMAL_TYPES.includes(f.fieldtype);
  }

  /**
   * Decimal places a value of this field is kept to (Frappe's get_field_precision, see
   * NumberSettings): a Currency field's currency is read from `doc`, or from the parent
   * document of a child row.
   */
  precision(f: FieldDef, doc?: Record<string, unknown>, parent?: Record<string, unknown>): number {
    return this.numbers.fieldPrecision(f, f.fieldtype === 'Currency' ? this.currencyOf(f, doc, parent) : undefined);
  }

  /** The currency of a Currency field: the value of the field its `options` names. */
  currencyOf(f: FieldDef, doc?: Record<string, unknown>, parent?: Record<string, unknown>): string | undefined {
    if (!f.options) return undefined;
    const v = doc?.[f.options] || parent?.[f.options];
    return typeof v === 'string' && v ? v : undefined;
  }

  selectOptions(f: FieldDef): string[] {
    return (f.options ?? '').split('\n');
  }
}

/** All doctypes of the running application, compiled once at start. */
export class MetaRegistry {
  private readonly metas = new Map<string, DocTypeMeta>();
  /** Precision and rounding from System Settings and the currencies (kept current by SystemSettingsService). */
  readonly numbers = new NumberSettings();

  constructor(defs: readonly DocTypeDef[]) {
    for (const def of defs) {
      if (this.metas.has(def.name)) throw new Error(`DocType ${def.name} is defined twice`);
      this.metas.set(def.name, new DocTypeMeta(def, this.numbers));
    }
    for (const meta of this.metas.values()) this.check(meta);
  }

  private check(meta: DocTypeMeta): void {
    for (const name of meta.searchFields) {
      const f = meta.field(name);
      if (!f || !meta.storedColumns.includes(f) || !TEXT_TYPES.has(f.fieldtype)) {
        throw new Error(`${meta.name}: search field ${name} is not a stored text field`);
      }
    }
    for (const f of meta.fields) {
      if (!/^[a-z][a-z0-9_]*$/.test(f.fieldname)) {
        throw new Error(`${meta.name}.${f.fieldname}: fieldnames are snake_case`);
      }
      if (f.fieldtype === 'Table') {
        const child = this.metas.get(f.options ?? '');
        if (!child?.isChild) throw new Error(`${meta.name}.${f.fieldname}: ${f.options} is not a child doctype`);
      }
      if (f.fieldtype === 'Link' && f.options !== 'DocType' && !this.metas.has(f.options ?? '')) {
        throw new Error(`${meta.name}.${f.fieldname}: links to unknown doctype ${f.options}`);
      }
      if (f.fieldtype === 'Currency' && f.options && !meta.isChild && !meta.field(f.options)) {
        throw new Error(`${meta.name}.${f.fieldname}: its currency field ${f.options} does not exist`);
      }
      if (f.fieldtype === 'Dynamic Link' && !meta.field(f.options ?? '')) {
        throw new Error(`${meta.name}.${f.fieldname}: Dynamic Link needs the field ${f.options}`);
      }
    }
  }

  get(name: string): DocTypeMeta | undefined {
    return this.metas.get(name);
  }

  all(): DocTypeMeta[] {
    return [...this.metas.values()];
  }

  /** Every Dynamic Link field of every doctype, with the field naming its target doctype. */
  dynamicLinks(): { meta: DocTypeMeta; field: string; typeField: string }[] {
    return [...this.metas.values()].flatMap((meta) =>
      meta.fields.filter((f) => f.fieldtype === 'Dynamic Link' && f.options).map((f) => ({ meta, field: f.fieldname, typeField: f.options! })),
    );
  }

  /** Doctypes (non-child) that hold a Link field to `target`, for LinkExistsError checks. */
  linksTo(target: string): { meta: DocTypeMeta; field: string }[] {
    const out: { meta: DocTypeMeta; field: string }[] = [];
    for (const meta of this.metas.values()) {
      for (const f of meta.linkFields) {
        if (f.options === target && !(meta.name === target && f.fieldname === 'amended_from')) {
          out.push({ meta, field: f.fieldname });
        }
      }
    }
    return out;
  }
}
