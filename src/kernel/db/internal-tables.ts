import { Table } from 'typeorm';
import { DbEngine } from '../../config/config';

/** Tables the kernel keeps for itself (not doctypes, never exposed through the API). */
export function internalTables(engine: DbEngine): Table[] {
  const dt = engine === 'mariadb' ? 'datetime' : 'text';
  const long = engine === 'mariadb' ? 'longtext' : 'text';
  const int = engine === 'mariadb' ? 'bigint' : 'integer';
  const binary = engine === 'mariadb' ? { collation: 'utf8mb4_bin' } : {};
  return [
    // naming-series counters, one row per prefix
    new Table({
      name: 'tabSeries',
      columns: [
        { name: 'name', type: 'varchar', length: '100', isPrimary: true },
        { name: 'current', type: int, default: '0', isNullable: false },
      ],
    }),
    // hashed passwords and API secrets, never in the doctype tables
    new Table({
      name: '__Auth',
      columns: [
        { name: 'doctype', type: 'varchar', length: '140', isPrimary: true },
        { name: 'name', type: 'varchar', length: '140', isPrimary: true },
        { name: 'fieldname', type: 'varchar', length: '140', isPrimary: true },
        { name: 'password', type: 'text', isNullable: false },
      ],
    }),
    // Idempotency-Key records (Stripe semantics), kept 24 h
    new Table({
      name: '__Idempotency',
      columns: [
        { name: 'key_hash', type: 'varchar', length: '64', isPrimary: true },
        { name: 'request_hash', type: 'varchar', length: '64', isNullable: false },
        { name: 'status', type: 'varchar', length: '16', isNullable: false },
        { name: 'response_status', type: int, isNullable: true },
        { name: 'response_body', type: long, isNullable: true },
        { name: 'created', type: dt, isNullable: false },
        // the claiming process (ProcessIdentity.id) and this claim's own id, so a dead process's claim can be taken over
        { name: 'owner', type: 'varchar', length: '64', isNullable: true },
        { name: 'claim_id', type: 'varchar', length: '36', isNullable: true },
      ],
      indices: [{ name: 'idx_idempotency_created', columnNames: ['created'] }],
    }),
    // login sessions (the sid cookie), keyed by the sid's hash
    new Table({
      name: '__Sessions',
      columns: [
        { name: 'sid_hash', type: 'varchar', length: '64', isPrimary: true },
        { name: 'user', type: 'varchar', length: '140', isNullable: false },
        { name: 'csrf_token', type: 'varchar', length: '64', isNullable: false },
        { name: 'expires', type: dt, isNullable: false },
      ],
      indices: [{ name: 'idx_sessions_user', columnNames: ['user'] }],
    }),
    // failed logins per account (Frappe's allow_consecutive_login_attempts), shared by every process
    new Table({
      name: '__Login_Attempts',
      columns: [
        { name: 'account_hash', type: 'varchar', length: '64', isPrimary: true },
        { name: 'failures', type: int, default: '0', isNullable: false },
        { name: 'locked_until', type: int, isNullable: true },
        { name: 'updated', type: int, isNullable: false },
      ],
      indices: [{ name: 'idx_login_attempts_updated', columnNames: ['updated'] }],
    }),
    // events of committed transactions, until they are delivered (the transactional outbox: src/kernel/effects)
    new Table({
      name: '__Outbox',
      columns: [
        { name: 'id', type: int, isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'event', type: 'varchar', length: '140', isNullable: false },
        { name: 'payload', type: long, isNullable: false },
        // pending, queued (handed to the job queue by `owner`), done or failed
        { name: 'status', type: 'varchar', length: '16', isNullable: false },
        { name: 'created', type: dt, isNullable: false },
        { name: 'owner', type: 'varchar', length: '64', isNullable: true },
        { name: 'claim', type: 'varchar', length: '36', isNullable: true },
        { name: 'queued_at', type: dt, isNullable: true },
        { name: 'error', type: 'text', isNullable: true },
      ],
      indices: [{ name: 'idx_outbox_status', columnNames: ['status', 'id'] }],
    }),
    // external events already processed, by (source, event id): the inbox (src/kernel/effects)
    new Table({
      name: '__Inbox',
      columns: [
        // compared byte for byte: event ids are case-sensitive
        { name: 'source', type: 'varchar', length: '140', isPrimary: true, ...binary },
        { name: 'event_id', type: 'varchar', length: '255', isPrimary: true, ...binary },
        { name: 'received', type: dt, isNullable: false },
      ],
      indices: [{ name: 'idx_inbox_received', columnNames: ['received'] }],
    }),
    // applied data patches
    new Table({
      name: '__Patches',
      columns: [
        { name: 'patch', type: 'varchar', length: '140', isPrimary: true },
        { name: 'applied', type: dt, isNullable: false },
      ],
    }),
  ];
}
