import { Injectable } from '@nestjs/common';
import { randomFillSync } from 'node:crypto';
import { Ctx } from '../db/context';
import { Database } from '../db/database';
import { MandatoryError, ValidationError } from '../errors/errors';
import { DocTypeMeta } from '../metadata/meta';
import { Doc } from './types';
import { today } from '../time/clock';

const HASH_LENGTH = 10;

/** Random bytes drawn 4 KiB at a time: a name costs a slice, not a call into the CSPRNG. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

/** A random 10-character name (Frappe's `hash` naming; also child rows and kernel records). */
export function hashName(): string {
  const n = HASH_LENGTH / 2;
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += n;
  return pool.toString('hex', poolAt - n, poolAt);
}

/**
 * A naming-series pattern split into the counter key and the zero-padded counter width.
 * YYYY, MM and DD are today's in the system time zone (read through the UTC getters).
 */
export function parseSeries(pattern: string, at: Date = new Date(`${today()}T00:00:00Z`)): { key: string; digits: number } {
  const parts = pattern.split('.');
  if (!parts.some((p) => /^#+$/.test(p))) parts.push('#####');
  let key = '';
  let digits = 0;
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const part of parts) {
    if (/^#+$/.test(part)) {
      digits = part.length;
      break; // Frappe ignores what follows the counter in the key
    }
    if (part === 'YYYY') key += String(at.getUTCFullYear());
    else if (part === 'YY') key += String(at.getUTCFullYear()).slice(2);
    else if (part === 'MM') key += pad(at.getUTCMonth() + 1);
    else if (part === 'DD') key += pad(at.getUTCDate());
    else key += part;
  }
  return { key, digits };
}

/** Gives documents their names: by field, by hash, by naming series, or as supplied. */
@Injectable()
export class NamingService {
  constructor(private readonly db: Database) {}

  async autoname(ctx: Ctx, meta: DocTypeMeta, doc: Doc): Promise<string> {
    const rule = meta.def.autoname ?? 'hash';
    if (doc.amended_from) return this.amendedName(ctx, meta, String(doc.amended_from));
    if (rule === 'prompt') {
      const name = typeof doc.name === 'string' ? doc.name.trim() : '';
      if (!name) throw new MandatoryError(`Error: Value missing for ${meta.name}: ID`);
      return checkName(name);
    }
    if (rule.startsWith('field:')) {
      const field = rule.slice(6);
      const v = doc[field];
      if (v === null || v === undefined || String(v).trim() === '') {
        throw new MandatoryError(`Error: Value missing for ${meta.name}: ${meta.field(field)?.label ?? field}`);
      }
      return checkName(String(v).trim());
    }
    if (rule === 'hash') return hashName();
    if (rule === 'naming_series:') {
      const field = meta.field('naming_series');
      const series = String(doc.naming_series || field?.default || '');
      if (!series) throw new MandatoryError(`Error: Value missing for ${meta.name}: Naming Series`);
      if (field?.options && !meta.selectOptions(field).includes(series)) {
        throw new ValidationError(`Naming Series ${series} is not one of ${meta.selectOptions(field).join(', ')}`);
      }
      doc.naming_series = series;
      return this.nextInSeries(ctx, series);
    }
    return this.nextInSeries(ctx, rule);
  }

  /** The next name of a series (its counter row in tabSeries: see Database.nextInSequence). */
  async nextInSeries(ctx: Ctx, pattern: string): Promise<string> {
    const { key, digits } = parseSeries(pattern);
    const n = await this.db.nextInSequence(ctx, 'tabSeries', key);
    return key + String(n).padStart(digits, '0');
  }

  /** Frappe's amend naming: X → → X-2. */
  private async amendedName(ctx: Ctx, meta: DocTypeMeta, from: string): Promise<string> {
    const [src] = await ctx.db.query<{ amended_from: string | null }>(
      `SELECT amended_from FROM \`${meta.tableName}\` WHERE name = ?`,
      [from],
    );
    const m = /^(.*)-(\d+)$/.exec(from);
    if (src?.amended_from && m) return `${m[1]}-${Number(m[2]) + 1}`;
    return `${from}-1`;
  }
}

function checkName(name: string): string {
  if (name.length > 140) throw new ValidationError(`Name is longer than 140 characters: ${name.slice(0, 20)}…`);
  if (/[\u0000-\u001f]/.test(name)) throw new ValidationError('Name may not contain control characters');
  return name;
}
