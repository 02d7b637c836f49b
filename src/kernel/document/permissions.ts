import { Inject, Injectable, Optional } from '@nestjs/common';
import { WEBSITE_USER_SCOPE, WebsiteUserScope } from './website-user-scope';
import { Ctx } from '../db/context';
import { ChangeFeed } from '../db/change-feed';
import { Database } from '../db/database';
import { PermissionError } from '../errors/errors';
import { DocTypeMeta, MetaRegistry } from '../metadata/meta';
import { PERM_RIGHTS, PermRight } from '../metadata/types';
import { DocStore } from './store';
import { Doc } from './types';

interface PermRow {
  parent: string;
  role: string;
  permlevel: number;
  if_owner: number;
  [right: string]: unknown;
}

/** What a set of roles may do on one doctype at permlevel 0, and which levels it reads/writes. */
export interface Rights {
  /** right → true when granted without restriction, 'owner' when only on own documents */
  rights: Map<PermRight, true | 'owner'>;
  readLevels: Set<number>;
  writeLevels: Set<number>;
}

/** SQL fragment restricting a list to what the user may see, aliased on table `t`. */
export interface Match {
  sql: string;
  params: unknown[];
}

/** Bounds how long a change made outside Docket (SQL typed into MariaDB) can go unseen. */
const USER_PERMISSION_TTL_MS = 10_000;
const ALL_LEVELS = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
/** What Administrator and system contexts may do: everything, at every level. */
const EVERYTHING: Rights = {
  rights: new Map(PERM_RIGHTS.map((r) => [r, true as const])),
  readLevels: ALL_LEVELS,
  writeLevels: ALL_LEVELS,
};
/** What a user's restrictions are read from (with the website user scope's tables): a committed write to any drops them all. */
const RESTRICTING_TABLES = ['tabUser Permission', 'tabUser'];

/**
 * Frappe's permission model: DocPerm rows (role × doctype × permlevel → rights, if_owner),
 * User Permissions restricting a user to documents linked to given values, and for website
 * users the restrictions the WebsiteUserScope gives them (selling: their own Customer). Deny by default.
 */
@Injectable()
export class PermissionService {
  private perms: Map<string, PermRow[]> | null = null;
  private readonly rightsCache = new Map<string, Rights>();
  private readonly userPermCache = new Map<string, { at: number; values: Map<string, string[]> }>();

  constructor(
    private readonly registry: MetaRegistry,
    private readonly db: Database,
    private readonly feed: ChangeFeed,
    @Optional() @Inject(WEBSITE_USER_SCOPE) private readonly websiteScope?: WebsiteUserScope,
  ) {
    // Committed changes to who-may-see-what, in any process, drop the cached answers at once.
    feed.onChange([...RESTRICTING_TABLES, ...(websiteScope?.tables ?? [])], () => this.userPermCache.clear());
    feed.onChange(['tabDocPerm'], () => this.forgetDocPerms());
    feed.onReset(() => {
      this.userPermCache.clear();
      this.forgetDocPerms();
    });
  }

  private forgetDocPerms(): void {
    this.perms = null;
    this.rightsCache.clear();
  }

  /** Writes the definitions' permission rows into tabDocPerm (the definitions are the source). */
  async syncDocPerms(ctx: Ctx, store: DocStore): Promise<void> {
    const docPerm = this.registry.get('DocPerm')!;
    for (const meta of this.registry.all()) {
      await ctx.db.write('tabDocPerm', 'DELETE FROM `tabDocPerm` WHERE parent = ?', [meta.name]);
      for (const [i, p] of meta.permissions.entries()) {
        await store.insertRecord(ctx, docPerm, {
          parent: meta.name,
          parenttype: 'DocType',
          parentfield: 'permissions',
          idx: i + 1,
          role: p.role,
          permlevel: p.permlevel ?? 0,
          if_owner: p.if_owner ? 1 : 0,
          ...Object.fromEntries(PERM_RIGHTS.map((r) => [r, p.rights.includes(r) ? 1 : 0])),
        });
      }
    }
    this.forgetDocPerms();
  }

  private async loadPerms(): Promise<Map<string, PermRow[]>> {
    if (this.perms) return this.perms;
    const rows = await this.db.pool.query('SELECT * FROM `tabDocPerm`');
    const map = new Map<string, PermRow[]>();
    for (const r of rows as PermRow[]) {
      const list = map.get(r.parent) ?? [];
      list.push({ ...r, permlevel: Number(r.permlevel), if_owner: Number(r.if_owner) });
      map.set(r.parent, list);
    }
    this.perms = map;
    return map;
  }

  async rightsFor(ctx: Ctx, doctype: string): Promise<Rights> {
    const roles = [...ctx.user.roles].sort();
    const key = `${doctype}|${roles.join(',')}`;
    const cached = this.rightsCache.get(key);
    if (cached) return cached;
    const rows = ((await this.loadPerms()).get(doctype) ?? []).filter((r) => ctx.user.roles.has(r.role));
    const rights = new Map<PermRight, true | 'owner'>();
    const readLevels = new Set<number>();
    const writeLevels = new Set<number>();
    for (const r of rows) {
      if (r.permlevel === 0) {
        for (const right of PERM_RIGHTS) {
          if (!Number(r[right])) continue;
          if (!r.if_owner) rights.set(right, true);
          else if (!rights.has(right)) rights.set(right, 'owner');
        }
      }
      if (Number(r.read) || Number(r.write)) readLevels.add(r.permlevel);
      if (Number(r.write)) writeLevels.add(r.permlevel);
    }
    const result = { rights, readLevels, writeLevels };
    this.rightsCache.set(key, result);
    return result;
  }


  async effectiveRights(ctx: Ctx, doctype: string): Promise<Rights> {
    if (ctx.elevated || ctx.isAdministrator) return EVERYTHING;
    return this.rightsFor(ctx, doctype);
  }

  /** Throws PermissionError unless the user has `right` on the doctype (and on `doc`, if given). */
  async check(ctx: Ctx, meta: DocTypeMeta, right: PermRight, doc?: Doc): Promise<void> {
    if (!(await this.has(ctx, meta, right, doc))) {
      const what = doc?.name ? `${meta.name} ${doc.name}` : meta.name;
      throw new PermissionError(`No permission to ${right} ${what}`);
    }
  }

  async has(ctx: Ctx, meta: DocTypeMeta, right: PermRight, doc?: Doc): Promise<boolean> {
    if (ctx.elevated || ctx.isAdministrator) return true;
    const grant = (await this.rightsFor(ctx, meta.name)).rights.get(right);
    if (!grant) return false;
    if (!doc) return true;
    if (grant === 'owner' && doc.owner && doc.owner !== ctx.user.name) return false;
    return this.docMatches(ctx, meta, doc);
  }

  /** Whether a saved document lies within the user's User Permissions. */
  private async docMatches(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<boolean> {
    if (!doc.name || doc.__islocal) return this.newDocMatches(ctx, meta, doc);
    const match = await this.matchConditions(ctx, meta);
    if (!match) return true;
    const rows = await ctx.db.query(`SELECT 1 AS ok FROM \`${meta.tableName}\` t WHERE t.name = ? AND ${match.sql}`, [
      doc.name,
      ...match.params,
    ]);
    return rows.length > 0;
  }

  /** For a document being created: its Link values must fall within the user's permissions. */
  private async newDocMatches(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<boolean> {
    const allowed = await this.userPermissions(ctx);
    for (const [doctype, values] of allowed) {
      if (meta.name === doctype) return false; // restricted users may not create the restricting master
      for (const f of meta.linkFields) {
        if (f.options !== doctype) continue;
        const v = doc[f.fieldname];
        if (v ? !values.includes(v) : this.strict(ctx)) return false;
      }
      // A website user's Dynamic Link rows (Address, Contact): linked to one of its values and to no
      // other value of that doctype, so that what it saves is what matchConditions lets it see.
      if (!this.strict(ctx)) continue;
      for (const tf of meta.tableFields) {
        if (tf.options !== 'Dynamic Link') continue;
        const linked = ((doc[tf.fieldname] ?? []) as Doc[]).filter((r) => r.link_doctype === doctype).map((r) => r.link_name);
        if (!linked.length || linked.some((name) => !values.includes(name))) return false;
      }
    }
    return true;
  }

  private strict(ctx: Ctx): boolean {
    return ctx.user.userType === 'Website User';
  }

  /** Which values of which doctypes the user is restricted to (empty map: unrestricted). */
  async userPermissions(ctx: Ctx): Promise<Map<string, string[]>> {
    if (ctx.elevated || ctx.isAdministrator || ctx.isGuest) return new Map();
    const hit = this.feed.live ? this.userPermCache.get(ctx.user.name) : undefined;
    if (hit && Date.now() - hit.at < USER_PERMISSION_TTL_MS) return hit.values;
    const values = new Map<string, string[]>();
    const rows = await ctx.db.query<{ allow: string; for_value: string }>(
      'SELECT allow, for_value FROM `tabUser Permission` WHERE user = ?',
      [ctx.user.name],
    );
    for (const r of rows) values.set(r.allow, [...(values.get(r.allow) ?? []), r.for_value]);
    if (this.strict(ctx) && this.websiteScope) {
      for (const [doctype, names] of await this.websiteScope.restrictions(ctx)) values.set(doctype, [...(values.get(doctype) ?? []), ...names]);
    }
    this.userPermCache.set(ctx.user.name, { at: Date.now(), values });
    return values;
  }

  /**
   * The WHERE fragment (on alias `t`) limiting a doctype to the user's User Permissions and
   * if_owner rules, or null when nothing restricts it.
   */
  async matchConditions(ctx: Ctx, meta: DocTypeMeta): Promise<Match | null> {
    if (ctx.elevated || ctx.isAdministrator) return null;
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [field, value] of Object.entries((ctx.isGuest || this.strict(ctx)) && meta.def.public_filter ? meta.def.public_filter : {})) {
      parts.push(`t.\`${field}\` = ?`);
      params.push(value);
    }
    const read = (await this.rightsFor(ctx, meta.name)).rights.get('read');
    if (read === 'owner') {
      parts.push('t.owner = ?');
      params.push(ctx.user.name);
    }
    for (const [doctype, values] of await this.userPermissions(ctx)) {
      const ors: string[] = [];
      const marks = values.length ? values.map(() => '?').join(', ') : null;
      const inList = (col: string) => (marks ? `${col} IN (${marks})` : '1 = 0');
      // The restricting doctype itself (Frappe's `name` condition): only its allowed records, whatever they link to.
      if (meta.name === doctype) {
        parts.push(inList('t.name'));
        params.push(...values);
        continue;
      }
      const orEmpty = (col: string) => (this.strict(ctx) ? inList(col) : `(${col} IS NULL OR ${col} = '' OR ${inList(col)})`);
      for (const f of meta.linkFields) {
        if (f.options !== doctype || f.fieldname === 'amended_from') continue;
        ors.push(orEmpty(`t.\`${f.fieldname}\``));
        params.push(...values);
      }
      // A doctype that names no company but links to masters that carry one (Bin: its warehouse) lies in its masters' companies.
      if (doctype === 'Company' && !ors.length) {
        for (const f of meta.linkFields) {
          const target = f.options ? this.registry.get(f.options) : undefined;
          const field = target?.def.company_field;
          if (!target || !field || target.name === meta.name) continue;
          ors.push(`(t.\`${f.fieldname}\` IS NULL OR t.\`${f.fieldname}\` IN (SELECT cm.name FROM \`${target.tableName}\` cm WHERE ${inList(`cm.\`${field}\``)}))`);
          params.push(...values);
        }
      }
      for (const f of meta.fields) {
        if (f.fieldtype !== 'Dynamic Link') continue;
        ors.push(`(t.\`${f.options}\` = ? AND ${inList(`t.\`${f.fieldname}\``)})`);
        params.push(doctype, ...values);
      }
      for (const tf of meta.tableFields) {
        if (tf.options !== 'Dynamic Link') continue;
        ors.push(
          `EXISTS (SELECT 1 FROM \`tabDynamic Link\` dl WHERE dl.parent = t.name AND dl.parenttype = ? AND dl.link_doctype = ? AND ${inList('dl.link_name')})`,
        );
        params.push(meta.name, doctype, ...values);
      }
      if (ors.length) parts.push(`(${ors.join(' OR ')})`);
    }
    return parts.length ? { sql: parts.join(' AND '), params } : null;
  }
}
