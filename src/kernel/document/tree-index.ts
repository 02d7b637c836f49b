import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { RedisConnection } from '../cache/redis-connection';
import { Ctx } from '../db/context';
import { ChangeFeed } from '../db/change-feed';
import { MetaRegistry } from '../metadata/meta';

/** Every node's chain: itself, its parent, … the root. */
type Chains = ReadonlyMap<string, readonly string[]>;

/**
 * The ancestors of nodes of the tree doctypes (Item Group, Customer Group, Territory …), read
 * from their nested sets. Outside a transaction a tree is read whole once and kept in process
 * until a committed write to its table (ChangeFeed, from any process) outdates it; a read
 * racing that commit is not kept. Inside a transaction, or while the feed may be missing other
 * processes' changes, the nodes asked for are read from the transaction's own view.
 */
@Injectable()
export class TreeIndex {
  private readonly kept = new Map<string, { generation: number; chains: Promise<Chains> }>();
  private readonly generations = new Map<string, number>();
  private readonly enabled: boolean;

  constructor(
    private readonly registry: MetaRegistry,
    private readonly feed: ChangeFeed,
    redis: RedisConnection,
    config: AppConfig,
  ) {
    // as DocCache: several processes without Redis would not hear each other's writes
    this.enabled = Boolean(redis.client) || config.engine === 'sqlite';
    const trees = registry.all().filter((m) => m.isTree);
    const doctypeOf = new Map(trees.map((m) => [m.tableName, m.name]));
    feed.onChange(doctypeOf.keys(), (tables) => {
      for (const t of tables) this.outdate(doctypeOf.get(t)!);
    });
    feed.onReset(() => trees.forEach((m) => this.outdate(m.name)));
  }

  /** Each node's ancestors, nearest first (the node itself first); a node not in the tree is left out of the answer. */
  async ancestors(ctx: Ctx, doctype: string, nodes: Iterable<string>): Promise<Map<string, readonly string[]>> {
    const wanted = [...new Set(nodes)].filter((n) => !!n);
    const out = new Map<string, readonly string[]>();
    if (!wanted.length) return out;
    if (ctx.inTransaction || !this.enabled || !this.feed.live) {
      const table = this.table(doctype);
      const rows = await ctx.db.query<{ node: string; ancestor: string }>(
        `SELECT g.name AS node, p.name AS ancestor FROM \`${table}\` g JOIN \`${table}\` p ON p.lft <= g.lft AND p.rgt >= g.rgt ` +
          `WHERE g.name IN (${wanted.map(() => '?').join(', ')}) ORDER BY g.name, p.lft DESC`,
        wanted,
      );
      for (const r of rows) out.set(r.node, [...(out.get(r.node) ?? []), r.ancestor]);
      return out;
    }
    const chains = await this.whole(ctx, doctype);
    for (const n of wanted) {
      const chain = chains.get(n);
      if (chain) out.set(n, chain);
    }
    return out;
  }

  /** One node's ancestors, nearest first, or null when it is not in the tree. */
  async chain(ctx: Ctx, doctype: string, node: string | null | undefined): Promise<readonly string[] | null> {
    if (!node) return null;
    return (await this.ancestors(ctx, doctype, [node])).get(node) ?? null;
  }

  private whole(ctx: Ctx, doctype: string): Promise<Chains> {
    const generation = this.generations.get(doctype) ?? 0;
    const hit = this.kept.get(doctype);
    if (hit && hit.generation === generation) return hit.chains;
    const chains = readChains(ctx, this.table(doctype));
    this.kept.set(doctype, { generation, chains });
    chains.catch(() => this.kept.get(doctype)?.chains === chains && this.kept.delete(doctype));
    return chains;
  }

  private outdate(doctype: string): void {
    this.generations.set(doctype, (this.generations.get(doctype) ?? 0) + 1);
    this.kept.delete(doctype);
  }

  private table(doctype: string): string {
    const meta = this.registry.get(doctype);
    if (!meta?.isTree) throw new Error(`${doctype} is not a tree doctype`);
    return meta.tableName;
  }
}

/** Every node's chain from the nested set, in one statement. */
async function readChains(ctx: Ctx, table: string): Promise<Chains> {
  const nodes = await ctx.db.query<{ name: string; lft: number | string; rgt: number | string }>(`SELECT name, lft, rgt FROM \`${table}\` ORDER BY lft`);
  const chains = new Map<string, readonly string[]>();
  const open: { name: string; rgt: number }[] = [];
  for (const n of nodes) {
    const lft = Number(n.lft);
    while (open.length && open[open.length - 1].rgt < lft) open.pop();
    open.push({ name: n.name, rgt: Number(n.rgt) });
    chains.set(n.name, Object.freeze(open.map((o) => o.name).reverse()));
  }
  return chains;
}
