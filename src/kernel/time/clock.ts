/**
 * The system clock in the System Settings time zone (Frappe's `now_datetime`, `nowdate`,
 * `nowtime`): every timestamp the server writes, "today", default dates and posting dates.
 * One zone per process, like Frappe's one per site: the System Settings service sets it from
 * the database; until then it is `TZ`, else UTC.
 */

/** Whether `zone` is an IANA time zone name this runtime knows (Asia/Kolkata, UTC, …). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone a new installation starts with: `TZ` when it names one, else UTC. */
export function defaultTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const tz = env.TZ?.replace(/^:/, '');
  return isTimeZone(tz) ? tz : 'UTC';
}

let zone = defaultTimeZone();
let formatter = zoneFormatter(zone);
/** The zone's UTC offset for the minute last asked about (offsets change only on whole minutes). */
let offsetCache = { minute: NaN, offsetMs: 0 };

export function timeZone(): string {
  return zone;
}

export function setTimeZone(next: string): void {
  if (!isTimeZone(next)) throw new Error(`Unknown time zone: ${next}`);
  if (next === zone) return;
  zone = next;
  formatter = zoneFormatter(next);
  offsetCache = { minute: NaN, offsetMs: 0 };
}

function zoneFormatter(z: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: z,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
}

/** Milliseconds the zone's wall clock is ahead of UTC at `utcMs`. */
function offsetAt(utcMs: number): number {
  const minute = Math.floor(utcMs / 60_000);
  if (offsetCache.minute === minute) return offsetCache.offsetMs;
  const p: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(minute * 60_000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const offsetMs = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - minute * 60_000;
  offsetCache = { minute, offsetMs };
  return offsetMs;
}

/** A moment as Frappe writes datetimes, in the system zone: `YYYY-MM-DD HH:MM:SS.ffffff`. */
export function timestamp(utcMs: number = Date.now()): string {
  const iso = new Date(utcMs + offsetAt(utcMs)).toISOString(); // the wall clock, written as if UTC
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

/** Today's date in the system zone: `YYYY-MM-DD`. */
export function today(utcMs: number = Date.now()): string {
  return timestamp(utcMs).slice(0, 10);
}

/** The time of day in the system zone: `HH:MM:SS.ffffff`. */
export function nowTime(utcMs: number = Date.now()): string {
  return timestamp(utcMs).slice(11);
}

/**
 * ERPNext's backdated entry: a posting date (and time, default midnight) before the system
 * zone's now, which later ledger entries must be reposted for.
 */
export function isBackdated(postingDate: string, postingTime = '00:00:00', utcMs: number = Date.now()): boolean {
  const [hms, fraction = ''] = (postingTime.length === 5 ? `${postingTime}:00` : postingTime).split('.');
  return `${postingDate} ${hms}.${fraction.padEnd(6, '0')}` < timestamp(utcMs);
}
