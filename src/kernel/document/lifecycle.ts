import { setPassword } from '../auth/passwords';
import { Ctx } from '../db/context';
import {
  DocstatusTransitionError,
  DoesNotExistError,
  LinkExistsError,
  TimestampMismatchError,
  UpdateAfterSubmitError,
  ValidationError,
} from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { coerceInput, sameValue } from '../metadata/values';
import { DocEventName } from '../events/types';
import { ControllerRegistry } from './controllers';
import { applyInput, newDoc } from './input';
import { hashName, NamingService } from './naming';
import { PermissionService } from './permissions';
import { DocStore } from './store';
import { isSelfOrDescendant, rebuildNestedSet } from './tree';
import { Doc, DocHooks } from './types';
import { DocValidator } from './validate';
import { diffDocs, isEmptyDiff, writeVersion } from './versions';

/** What a save does, from the stored docstatus to the target one (Frappe's `_action`). */
type SaveAction = 'save' | 'submit' | 'update_after_submit' | 'cancel';

/**
 * THE hook order, in one place (Frappe's Document.insert/save/submit/cancel/delete and its
 * run_before_save_methods / run_post_save_methods). `doc.docstatus` is the target status
 * before the first hook runs, in every path.
 *
 * insert: check create → defaults + input → beforeInsert → autoname → beforeValidate →
 *         standard checks (mandatory, select, links) → validate → beforeSave | beforeSubmit →
 *         write → afterInsert → onUpdate | onSubmit
 * save:   lock + load → stale check → docstatus transition + rights → input, then by action:
 *   save (draft 0→0)      beforeValidate → checks → validate → beforeSave → write → Version → onUpdate
 *   submit (0→1)          beforeValidate → checks → validate → beforeSubmit → write → Version → onSubmit
 *   update after submit   allow_on_submit check → checks → write → Version → onUpdateAfterSubmit
 *   cancel (1→2)          beforeCancel → write → Version → onCancel → no submitted links to it
 *                         (except from the controller's ignoreLinkedDoctypes)
 * delete: lock + load → rights → not submitted → no links to it → onTrash → delete
 *
 * Unlike Frappe, onUpdate runs for drafts only (a submit runs onSubmit alone). Everything runs
 * on ctx.db inside the request's transaction; a throw anywhere rolls back all.
 */
export class Lifecycle {
  constructor(
    private readonly registry: MetaRegistry,
    private readonly store: DocStore,
    private readonly perms: PermissionService,
    private readonly naming: NamingService,
    private readonly controllers: ControllerRegistry,
    private readonly validator: DocValidator,
    private readonly forUpdate: () => string,
  ) {}

  async insert(ctx: Ctx, meta: DocTypeMeta, input: Record<string, unknown>): Promise<Doc> {
    const submitting = Number(input.docstatus ?? 0) === 1;
    if (![0, 1].includes(Number(input.docstatus ?? 0))) throw new DocstatusTransitionError('A new document can only be a draft (0) or submitted (1)');
    if (submitting && !meta.isSubmittable) throw new ValidationError(`${meta.name} is not submittable`);
    await this.perms.check(ctx, meta, 'create');
    if (submitting) await this.perms.check(ctx, meta, 'submit');
    const rights = await this.perms.effectiveRights(ctx, meta.name);
    const doc = newDoc(ctx, meta);
    doc.__islocal = true;
    const amending = !!input.amended_from && meta.isSubmittable;
    applyInput(ctx, this.registry, meta, doc, input, {
      writeLevels: rights.writeLevels,
      keepName: meta.def.autoname === 'prompt',
      allowAmendedFrom: amending,
    });
    if (amending) await this.checkAmend(ctx, meta, String(doc.amended_from));
    doc.docstatus = submitting ? 1 : 0;
    const hooks = this.controllers.get(meta.name);
    await hooks.beforeInsert?.(ctx, doc);
    doc.name = await this.naming.autoname(ctx, meta, doc);
    const now = Ctx.now();
    Object.assign(doc, { owner: ctx.user.name, creation: now, modified: now, modified_by: ctx.user.name });
    this.prepareChildren(meta, doc);
    await this.runValidation(ctx, meta, hooks, doc, null, submitting ? 'submit' : 'save');
    await this.perms.check(ctx, meta, 'create', doc);
    // A name taken already fails the INSERT itself: the store answers DuplicateEntryError.
    this.prepareChildren(meta, doc);
    await this.store.write(ctx, meta, doc, true);
    await storeSecrets(ctx, meta, doc);
    if (meta.isTree) await rebuildNestedSet(ctx, meta, this.forUpdate());
    delete doc.__islocal;
    await hooks.afterInsert?.(ctx, doc);
    if (submitting) await hooks.onSubmit?.(ctx, doc, null);
    else await hooks.onUpdate?.(ctx, doc, null);
    this.emit(ctx, meta, doc, 'after_insert');
    if (submitting) this.emit(ctx, meta, doc, 'on_submit');
    return doc;
  }

  async save(ctx: Ctx, meta: DocTypeMeta, name: string, input: Record<string, unknown>): Promise<Doc> {
    const before = await this.store.load(ctx, meta, name, true);
    if (!before) throw new DoesNotExistError(`${meta.name} ${name} not found`);
    if (input.modified !== undefined && input.modified !== null && input.modified !== '') {
      const sent = coerceInput(meta, meta.field('modified')!, input.modified);
      if (sent !== before.modified) {
        throw new TimestampMismatchError(
          `Error: Document has been modified after you have opened it (${before.modified}, ${sent}). Please refresh to get the latest document.`,
        );
      }
    }
    const from = Number(before.docstatus);
    const to = input.docstatus === undefined || input.docstatus === null ? from : Number(input.docstatus);
    const right = transitionRight(meta, from, to);
    await this.perms.check(ctx, meta, right, before);
    const action: SaveAction = to === 2 ? 'cancel' : from === 1 ? 'update_after_submit' : to === 1 ? 'submit' : 'save';
    const hooks = this.controllers.get(meta.name);
    const doc = structuredCloneDoc(before);
    if (action !== 'cancel') {
      const rights = await this.perms.effectiveRights(ctx, meta.name);
      applyInput(ctx, this.registry, meta, doc, input, { writeLevels: rights.writeLevels, keepName: false });
    }
    doc.docstatus = to;
    this.prepareChildren(meta, doc);
    if (action === 'cancel') await hooks.beforeCancel?.(ctx, doc, before);
    else {
      if (action === 'update_after_submit') this.checkAllowOnSubmit(meta, before, doc);
      await this.runValidation(ctx, meta, hooks, doc, before, action);
      await this.perms.check(ctx, meta, right, { ...doc, __islocal: true });
    }
    doc.modified = Ctx.now();
    doc.modified_by = ctx.user.name;
    this.prepareChildren(meta, doc);
    await this.store.write(ctx, meta, doc, false);
    await storeSecrets(ctx, meta, doc);
    if (meta.isTree && before[meta.def.nsm_parent_field!] !== doc[meta.def.nsm_parent_field!]) {
      await rebuildNestedSet(ctx, meta, this.forUpdate());
    }
    if (meta.trackChanges) {
      const diff = diffDocs(this.registry, meta, before, doc);
      if (from !== to) diff.changed.push(['docstatus', from, to]);
      if (!isEmptyDiff(diff)) await writeVersion(ctx, this.store, this.registry, meta, doc.name, diff);
    }
    if (action === 'save') {
      await hooks.onUpdate?.(ctx, doc, before);
      this.emit(ctx, meta, doc, 'on_update');
    } else if (action === 'submit') {
      await hooks.onSubmit?.(ctx, doc, before);
      this.emit(ctx, meta, doc, 'on_submit');
    } else if (action === 'update_after_submit') {
      await hooks.onUpdateAfterSubmit?.(ctx, doc, before);
      this.emit(ctx, meta, doc, 'on_update');
    } else {
      await hooks.onCancel?.(ctx, doc, before);
      await this.checkNoSubmittedLinks(ctx, meta, doc.name, 'cancel', hooks.ignoreLinkedDoctypes);
      this.emit(ctx, meta, doc, 'on_cancel');
    }
    return doc;
  }

  /**
   * Frappe's run_before_save_methods with the standard checks in between: beforeValidate,
   * checks, validate, then beforeSave or beforeSubmit (an update after submit runs the checks alone).
   */
  private async runValidation(ctx: Ctx, meta: DocTypeMeta, hooks: DocHooks, doc: Doc, before: Doc | null, action: SaveAction): Promise<void> {
    const full = action === 'save' || action === 'submit';
    if (full) {
      await hooks.beforeValidate?.(ctx, doc, before);
      this.prepareChildren(meta, doc);
    }
    await this.validator.validate(ctx, meta, doc);
    await this.checkTreeParent(ctx, meta, doc);
    if (!full) return;
    await hooks.validate?.(ctx, doc, before);
    if (action === 'submit') await hooks.beforeSubmit?.(ctx, doc, before);
    else await hooks.beforeSave?.(ctx, doc, before);
  }

  async delete(ctx: Ctx, meta: DocTypeMeta, name: string): Promise<void> {
    const doc = await this.store.load(ctx, meta, name, true);
    if (!doc) throw new DoesNotExistError(`${meta.name} ${name} not found`);
    await this.perms.check(ctx, meta, 'delete', doc);
    if (Number(doc.docstatus) === 1) {
      throw new ValidationError(`Submitted ${meta.name} ${name} cannot be deleted. Cancel it first.`);
    }
    await this.checkNoSubmittedLinks(ctx, meta, name, 'delete');
    if (meta.isTree) {
      const kids = await ctx.db.query(`SELECT name FROM \`${meta.tableName}\` WHERE \`${meta.def.nsm_parent_field}\` = ? LIMIT 1`, [name]);
      if (kids.length) throw new ValidationError(`${meta.name} ${name} has child nodes; delete or move them first`);
    }
    await this.controllers.get(meta.name).onTrash?.(ctx, doc);
    for (const tf of meta.tableFields) await this.store.deleteChildren(ctx, meta, this.registry.get(tf.options!)!, name);
    await this.store.deleteRow(ctx, meta, name);
    if (meta.isTree) await rebuildNestedSet(ctx, meta, this.forUpdate());
    this.emit(ctx, meta, doc, 'on_trash');
  }

  /** Child rows get their parent keys, order and (new rows) a name. */
  private prepareChildren(meta: DocTypeMeta, doc: Doc): void {
    for (const tf of meta.tableFields) {
      (doc[tf.fieldname] ?? []).forEach((row: Doc, i: number) => {
        row.name ??= hashName();
        Object.assign(row, {
          parent: doc.name,
          parenttype: meta.name,
          parentfield: tf.fieldname,
          idx: i + 1,
          docstatus: doc.docstatus,
          owner: row.owner ?? doc.owner,
          creation: row.creation ?? doc.modified,
          modified: doc.modified,
          modified_by: doc.modified_by,
        });
      });
    }
  }

  private checkAllowOnSubmit(meta: DocTypeMeta, before: Doc, after: Doc): void {
    const check = (m: DocTypeMeta, a: Doc, b: Doc, where: string) => {
      for (const f of m.fields) {
        if (f.fieldtype === 'Table' || f.allow_on_submit || f.read_only) continue;
        if (!sameValue(a[f.fieldname], b[f.fieldname])) {
          throw new UpdateAfterSubmitError(`${where}Not allowed to change ${f.label ?? f.fieldname} after submission`);
        }
      }
    };
    check(meta, before, after, '');
    for (const tf of meta.tableFields) {
      const child = this.registry.get(tf.options!)!;
      const old: Doc[] = before[tf.fieldname] ?? [];
      const now: Doc[] = after[tf.fieldname] ?? [];
      if (tf.allow_on_submit) continue;
      if (old.length !== now.length || old.some((r, i) => r.name !== now[i].name)) {
        throw new UpdateAfterSubmitError(`Not allowed to change ${tf.label ?? tf.fieldname} after submission`);
      }
      old.forEach((r, i) => check(child, r, now[i], `${tf.label ?? tf.fieldname} row #${i + 1}: `));
    }
  }

  private async checkAmend(ctx: Ctx, meta: DocTypeMeta, from: string): Promise<void> {
    await this.perms.check(ctx, meta, 'amend');
    const [row] = await ctx.db.query<{ docstatus: number }>(`SELECT docstatus FROM \`${meta.tableName}\` WHERE name = ?`, [from]);
    if (!row) throw new DoesNotExistError(`${meta.name} ${from} not found`);
    if (Number(row.docstatus) !== 2) throw new ValidationError(`Only a cancelled ${meta.name} can be amended; ${from} is not cancelled`);
  }

  private async checkTreeParent(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<void> {
    if (!meta.isTree) return;
    const parent = doc[meta.def.nsm_parent_field!];
    if (!parent) return;
    if (await isSelfOrDescendant(ctx, meta, doc.name, parent)) {
      throw new ValidationError(`${meta.name} ${doc.name} cannot be its own parent or descendant's child`);
    }
    const [p] = await ctx.db.query<{ is_group: number }>(`SELECT is_group FROM \`${meta.tableName}\` WHERE name = ?`, [parent]);
    if (p && !Number(p.is_group)) throw new ValidationError(`Parent ${meta.name} ${parent} is not a group node`);
  }

  /** Frappe's LinkExistsError: a document others link to cannot be deleted (or, if they are submitted, cancelled). */
  private async checkNoSubmittedLinks(
    ctx: Ctx,
    meta: DocTypeMeta,
    name: string,
    action: 'delete' | 'cancel',
    ignored: readonly string[] = [],
  ): Promise<void> {
    for (const { meta: other, field } of this.registry.linksTo(meta.name)) {
      if (other.name === meta.name && field === meta.def.nsm_parent_field) continue;
      if (ignored.includes(other.name)) continue;
      const owner = other.isChild ? 'parenttype, parent' : `'${other.name.replace(/'/g, '')}' AS parenttype, name AS parent`;
      const status = action === 'cancel' ? ' AND docstatus = 1' : ' AND docstatus < 2';
      const rows = await ctx.db.query<{ parenttype: string; parent: string }>(
        `SELECT ${owner} FROM \`${other.tableName}\` WHERE \`${field}\` = ?${status}${other.name === meta.name ? ' AND name != ?' : ''} LIMIT 1`,
        other.name === meta.name ? [name, name] : [name],
      );
      if (rows.length) throw linkExists(action, meta.name, name, rows[0]);
    }
    // Frappe's check_if_doc_is_dynamically_linked: a submitted document (a Payment Entry's reference row) naming it through a Dynamic Link
    if (action !== 'cancel') return;
    for (const { meta: other, field, typeField } of this.registry.dynamicLinks()) {
      if (ignored.includes(other.name)) continue;
      const owner = other.isChild ? 'parenttype, parent' : `'${other.name.replace(/'/g, '')}' AS parenttype, name AS parent`;
      const skipParents = other.isChild && ignored.length ? ` AND parenttype NOT IN (${ignored.map(() => '?').join(', ')})` : '';
      const rows = await ctx.db.query<{ parenttype: string; parent: string }>(
        `SELECT ${owner} FROM \`${other.tableName}\` WHERE \`${field}\` = ? AND \`${typeField}\` = ? AND docstatus = 1${skipParents} LIMIT 1`,
        [name, meta.name, ...(skipParents ? ignored : [])],
      );
      if (rows.length) throw linkExists(action, meta.name, name, rows[0]);
    }
  }

  private emit(ctx: Ctx, meta: DocTypeMeta, doc: Doc, event: DocEventName): void {
    ctx.emit(`doc.${event}`, { doctype: meta.name, name: doc.name, user: ctx.user.name });
  }
}

function linkExists(action: string, doctype: string, name: string, by: { parenttype: string; parent: string }): LinkExistsError {
  return new LinkExistsError(`Cannot ${action} ${doctype} ${name} because it is linked with ${by.parenttype} ${by.parent}`);
}

/** Password fields are never stored in the doctype's table: a value given is kept hashed in __Auth. */
async function storeSecrets(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<void> {
  for (const f of meta.fields) {
    if (f.fieldtype !== 'Password' || !doc[f.fieldname]) continue;
    await setPassword(ctx.db, meta.name, doc.name, f.fieldname, String(doc[f.fieldname]));
    delete doc[f.fieldname];
  }
}

function transitionRight(meta: DocTypeMeta, from: number, to: number): 'write' | 'submit' | 'cancel' {
  if (from === to && from !== 2) return 'write';
  if (meta.isSubmittable && from === 0 && to === 1) return 'submit';
  if (meta.isSubmittable && from === 1 && to === 2) return 'cancel';
  if (from === 2) throw new DocstatusTransitionError(`Cannot edit a cancelled ${meta.name}`);
  throw new DocstatusTransitionError(`Cannot change docstatus from ${from} to ${to}`);
}

function structuredCloneDoc(doc: Doc): Doc {
  const copy: Doc = { ...doc };
  for (const [k, v] of Object.entries(doc)) if (Array.isArray(v)) copy[k] = v.map((r) => ({ ...r }));
  return copy;
}
