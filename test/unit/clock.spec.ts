import { timespan } from '../../src/kernel/document/query';
import { Ctx } from '../../src/kernel/db/context';
import { defaultTimeZone, isBackdated, isTimeZone, setTimeZone, timestamp, today } from '../../src/kernel/time/clock';

/** The system clock in the System Settings time zone (Frappe's now_datetime / nowdate). */
describe('clock', () => {
  afterEach(() => setTimeZone('UTC'));
  // 2026-11-28 19:45:00 UTC: already the 29th in India (UTC+5:30)
  const evening = Date.UTC(2026, 10, 28, 19, 45, 0, 123);

  it("writes the system zone's wall clock, not UTC", () => {
    setTimeZone('UTC');
    expect(timestamp(evening)).toBe('2026-11-28 19:45:00.123000');
    setTimeZone('Asia/Kolkata');
    expect(timestamp(evening)).toBe('2026-11-29 01:15:00.123000');
    expect(today(evening)).toBe('2026-11-29');
  });

  it('follows daylight saving time', () => {
    setTimeZone('America/New_York');
    expect(timestamp(Date.UTC(2026, 6, 1, 12))).toBe('2026-07-01 08:00:00.000000');
    expect(timestamp(Date.UTC(2026, 11, 1, 12))).toBe('2026-12-01 07:00:00.000000');
  });

  it('is what Ctx.now() answers', () => {
    setTimeZone('Asia/Kolkata');
    const before = timestamp();
    const now = Ctx.now();
    expect(now >= before && now <= timestamp()).toBe(true);
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
  });

  it("puts today's timespan on the system zone's date", () => {
    setTimeZone('Asia/Kolkata');
    expect(timespan('today')).toEqual([today(), today()]);
    expect(timespan('this month', '2026-11-29')).toEqual(['2026-11-01', '2026-11-30']);
    expect(timespan('last week', '2026-11-29')).toEqual(['2026-11-16', '2026-11-22']);
  });

  it('tells backdated postings by the system zone', () => {
    setTimeZone('Asia/Kolkata');
    expect(isBackdated('2026-11-28', '23:59:59', evening)).toBe(true);
    expect(isBackdated('2026-11-29', '01:15', evening)).toBe(true);
    expect(isBackdated('2026-11-29', '01:16', evening)).toBe(false);
    setTimeZone('UTC');
    expect(isBackdated('2026-11-28', '23:59:59', evening)).toBe(false);
  });

  it('defaults to TZ, else UTC, and knows IANA names only', () => {
    expect(defaultTimeZone({ TZ: 'Asia/Kolkata' })).toBe('Asia/Kolkata');
    expect(defaultTimeZone({ TZ: ':Europe/Paris' })).toBe('Europe/Paris');
    expect(defaultTimeZone({ TZ: 'Mars/Olympus' })).toBe('UTC');
    expect(defaultTimeZone({})).toBe('UTC');
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('nowhere')).toBe(false);
    expect(() => setTimeZone('nowhere')).toThrow(/Unknown time zone/);
  });
});
