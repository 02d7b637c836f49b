import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { Ctx, GUEST, Queryable, SessionUser } from '../db/context';
import { ChangeFeed } from '../db/change-feed';
import { Database } from '../db/database';
import { AuthenticationError, InvalidAuthorizationToken } from '../errors/errors';
import { LoginAdmission, LoginLimits } from './login-limits';
import { checkSecret, randomToken, sha256, userSecretJoin } from './passwords';
import { timestamp } from '../time/clock';

/** Bounds how long a change made outside Docket (SQL typed into MariaDB) can go unseen. */
const CACHE_TTL_MS = 5_000;
/** What a resolved caller is made of: a committed write to any of these drops every cached one. */
const AUTH_TABLES = ['tabUser', 'tabHas Role', 'tabOAuth Bearer Token', '__Sessions', '__Auth'];
const SESSION_HOURS = 170; // Frappe's default session expiry
const WEBSITE_ROLES = new Set(['Customer', 'Guest']);

export interface Authenticated {
  user: SessionUser;
  via: 'token' | 'basic' | 'bearer' | 'session' | 'guest';
  apiKey?: string;
  csrfToken?: string;
  /** SHA-256 of the sid or bearer token */
  digest?: string;
}

export interface NewSession {
  sid: string;
  csrfToken: string;
  user: SessionUser;
}

/**
 * Who is calling: API key + secret (token / Basic), OAuth bearer tokens, or the sid cookie of
 * a login session. Secrets are stored hashed and compared in constant time. Resolved callers
 * are cached, so the hot path costs no query; a committed change to users, roles, secrets,
 * tokens or sessions, in any process, drops them at once (ChangeFeed).
 */
@Injectable()
export class AuthService {
  private readonly cache = new Map<string, { at: number; value: Authenticated }>();
  private readonly limits: LoginLimits;

  constructor(
    private readonly db: Database,
    private readonly feed: ChangeFeed,
    config: AppConfig,
  ) {
    this.limits = new LoginLimits(db, config.security);
    feed.onChange(AUTH_TABLES, () => this.cache.clear());
    feed.onReset(() => this.cache.clear());
  }

  private cached(key: string): Authenticated | undefined {
    if (!this.feed.live) return undefined;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value;
    if (hit) this.cache.delete(key);
    return undefined;
  }

  private remember(key: string, value: Authenticated): Authenticated {
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  /** Parses an Authorization header value: `token key:secret` or `Basic base64(key:secret)`. */
  async fromAuthorization(header: string): Promise<Authenticated | null> {
    const [scheme, ...rest] = header.trim().split(/\s+/);
    const value = rest.join(' ');
    const kind = scheme.toLowerCase();
    if (kind === 'token') return this.byApiKey(value, 'token');
    if (kind === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      if (!/^[A-Za-z0-9+/=_-]+$/.test(value) || !decoded.includes(':')) throw new InvalidAuthorizationToken('Invalid base64 in the Authorization header');
      return this.byApiKey(decoded, 'basic');
    }
    return null;
  }

  private async byApiKey(pair: string, via: 'token' | 'basic'): Promise<Authenticated> {
    const i = pair.indexOf(':');
    if (i < 1) throw new AuthenticationError('Invalid API key/secret');
    const key = pair.slice(0, i);
    const secret = pair.slice(i + 1);
    const cacheKey = `k:${sha256(pair)}`;
    const hit = this.cached(cacheKey);
    if (hit) return hit;
    // Whether or not the key exists: one round trip answering one row, one digest comparison.
    const [row] = await this.db.pool.query<{ name: string | null; password: string | null }>(
      `SELECT u.name, a.password FROM (SELECT ? AS api_key) k LEFT JOIN \`tabUser\` u ON u.api_key = k.api_key AND u.enabled = 1 ${userSecretJoin('api_secret')}`,
      [key],
    );
    const ok = await checkSecret(secret, row.password, 'token'); // password is null without a user: a dummy comparison
    if (!ok || !row.name) throw new AuthenticationError('Invalid API key/secret');
    return this.remember(cacheKey, { user: await this.loadUser(row.name), via, apiKey: key });
  }

  /** OAuth bearer tokens (used by the passport-http-bearer strategy). */
  async byBearer(token: string): Promise<Authenticated | null> {
    const digest = sha256(token);
    const cacheKey = `b:${digest}`;
    const hit = this.cached(cacheKey);
    if (hit) return hit;
    const [row] = await this.db.pool.query(
      "SELECT user, expiration_time FROM `tabOAuth Bearer Token` WHERE name = ? AND status = 'Active'",
      [digest],
    );
    if (!row || String(row.expiration_time) < Ctx.now()) return null;
    return this.remember(cacheKey, { user: await this.loadUser(row.user), via: 'bearer', digest });
  }

  async bySession(sid: string): Promise<Authenticated | null> {
    const digest = sha256(sid);
    const cacheKey = `s:${digest}`;
    const hit = this.cached(cacheKey);
    if (hit) return hit;
    const [row] = await this.db.pool.query('SELECT user, csrf_token, expires FROM `__Sessions` WHERE sid_hash = ?', [digest]);
    if (!row || String(row.expires) < Ctx.now()) return null;
    return this.remember(cacheKey, { user: await this.loadUser(row.user), via: 'session', csrfToken: row.csrf_token, digest });
  }

  /** A user with its roles; disabled and unknown users can't act. */
  async loadUser(name: string): Promise<SessionUser> {
    if (name === 'Guest') return GUEST;
    const [u] = await this.db.pool.query('SELECT name, enabled, full_name FROM `tabUser` WHERE name = ?', [name]);
    if (!u || !Number(u.enabled)) throw new AuthenticationError('User disabled or missing');
    const roles = await this.db.pool.query<{ role: string }>("SELECT role FROM `tabHas Role` WHERE parent = ? AND parenttype = 'User'", [name]);
    const set = new Set<string>(roles.map((r: { role: string }) => r.role));
    if (name === 'Administrator') set.add('Administrator').add('System Manager');
    set.add('All');
    const desk = [...set].some((r) => r !== 'All' && !WEBSITE_ROLES.has(r));
    return { name, roles: set, userType: desk ? 'System User' : 'Website User', fullName: u.full_name ?? name };
  }

  private findLogin(db: Queryable, login: string) {
    return db.query<{ name: string; enabled: number; password: string | null }>(
      `SELECT u.name, u.enabled, a.password FROM \`tabUser\` u ${userSecretJoin('new_password')} WHERE u.name = ? OR u.email = ? OR u.username = ? LIMIT 1`,
      [login, login.toLowerCase(), login],
    );
  }

  /**
   * Lets a password login (by user name, email or username) through the per-account limit
   * and counts it, or throws TooManyRequestsError while the account is locked. Called by the
   * auth hook before the handler's transaction; a missing account is counted by its login.
   */
  async admitLogin(login: string): Promise<LoginAdmission> {
    const [u] = await this.findLogin(this.db.pool, login);
    const admission = { login, accountHash: LoginLimits.accountHash(u?.name, login) };
    await this.limits.admit(admission.accountHash);
    return admission;
  }

  /**
   * Checks an admitted password login and returns the user's name. An unknown or disabled
   * account costs the same query and a scrypt, and answers the same, as a wrong password.
   * The caller ends the failure streak with `loginSucceeded` once it accepts the login.
   */
  async checkPassword(db: Queryable, admission: LoginAdmission, password: string): Promise<string> {
    const [u] = await this.findLogin(db, admission.login);
    if (!(await checkSecret(password, u && Number(u.enabled) ? u.password : null))) throw new AuthenticationError('Invalid login credentials');
    return u.name;
  }

  /** Ends the failure streak of an accepted login, inside the transaction that accepts it. */
  async loginSucceeded(db: Queryable, admission: LoginAdmission): Promise<void> {
    await LoginLimits.succeeded(db, admission);
  }

  async startSession(db: Queryable, userName: string): Promise<NewSession> {
    const sid = randomToken(24);
    const csrfToken = randomToken(16);
    const expires = timestamp(Date.now() + SESSION_HOURS * 3600_000);
    await db.write('__Sessions', 'INSERT INTO `__Sessions` (sid_hash, user, csrf_token, expires) VALUES (?, ?, ?, ?)', [sha256(sid), userName, csrfToken, expires]);
    await db.write('tabUser', 'UPDATE `tabUser` SET last_login = ? WHERE name = ?', [Ctx.now(), userName]);
    return { sid, csrfToken, user: await this.loadUser(userName) };
  }

  async endSession(db: Queryable, sid: string): Promise<void> {
    await db.write('__Sessions', 'DELETE FROM `__Sessions` WHERE sid_hash = ?', [sha256(sid)]);
  }
}
