import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ChangeFeed } from '../db/change-feed';
import { SYSTEM } from '../db/context';
import { Database } from '../db/database';
import { MetaRegistry } from '../metadata/meta';
import { CurrencyFormat, DEFAULT_NUMBER_SETTINGS, NumberSettingsValues } from '../money/precision';
import { isRoundingMethod } from '../money/rounding';
import { defaultTimeZone, isTimeZone, setTimeZone } from '../time/clock';

/** The doctype (and the name of its one record) whose values this service keeps. */
export const SYSTEM_SETTINGS = 'System Settings';
const SETTINGS_TABLE = `tab${SYSTEM_SETTINGS}`;
/** Currencies decide the precision of amounts in them. */
const CURRENCY_TABLE = 'tabCurrency';

interface SettingsRow {
  time_zone?: string | null;
  number_format?: string | null;
  float_precision?: string | null;
  currency_precision?: string | null;
  rounding_method?: string | null;
}

/**
 * System Settings and the currencies' formats, held in memory so that reading them costs no
 * query: the time zone goes to the clock (Ctx.now, today), precision and rounding to the
 * registry's NumberSettings. Loaded at start and again after every committed write to either
 * table, in this process (the writer's reply waits for it) or another one (the change feed).
 */
@Injectable()
export class SystemSettingsService implements OnApplicationBootstrap {
  private readonly log = new Logger('SystemSettings');
  /** loads run one after another, so the last write's values are the ones kept */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly registry: MetaRegistry,
    feed: ChangeFeed,
  ) {
    feed.onChange([SETTINGS_TABLE, CURRENCY_TABLE], () => void this.refresh());
    feed.onReset(() => void this.refresh());
    // The feed heard this process's commit (and started the load) before this listener runs.
    // Both tables are written through documents, i.e. in transactions, which have let go of
    // SQLite's lock by now: the load can take it.
    db.onWrite(async (tables) => {
      if (tables.has(SETTINGS_TABLE) || tables.has(CURRENCY_TABLE)) await this.pending;
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.refresh();
  }

  /** Reloads the values; resolves once they are in use. */
  refresh(): Promise<void> {
    this.pending = this.pending.then(() => this.load()).catch((err: Error) => this.log.warn(`System Settings not loaded: ${err.message}`));
    return this.pending;
  }

  private async load(): Promise<void> {
    // Before the first migration there is nothing to read yet; setup's writes bring the load.
    if (!this.db.dataSource.isInitialized || !this.registry.get(SYSTEM_SETTINGS)) return;
    const { row, currencies } = await this.db.run(SYSTEM, { via: 'system' }, { write: false }, async (ctx) => ({
      row: (await ctx.db.query<SettingsRow>(`SELECT * FROM \`${SETTINGS_TABLE}\` WHERE name = ?`, [SYSTEM_SETTINGS]))[0],
      currencies: this.registry.get('Currency')
        ? await ctx.db.query<CurrencyFormat & { name: string }>(`SELECT name, number_format, smallest_currency_fraction_value FROM \`${CURRENCY_TABLE}\``)
        : [],
    }));
    setTimeZone(isTimeZone(row?.time_zone) ? row.time_zone : defaultTimeZone());
    this.registry.numbers.update(numberSettings(row), new Map(currencies.map((c) => [c.name, c])));
  }
}

function numberSettings(row: SettingsRow | undefined): NumberSettingsValues {
  const d = DEFAULT_NUMBER_SETTINGS;
  const int = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));
  return {
    rounding_method: isRoundingMethod(row?.rounding_method) ? row.rounding_method : d.rounding_method,
    float_precision: int(row?.float_precision) ?? d.float_precision,
    currency_precision: int(row?.currency_precision),
    number_format: row?.number_format || d.number_format,
  };
}
