import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { Money } from '../../../kernel/money/decimal';
import { validateShippingConditions } from '../../../domain/tax/shipping-rule';

const money = (v: unknown): Money | null => (v === null || v === undefined || v === '' ? null : new Money(String(v as string)));

/** ERPNext's shipping_rule.py validate: bands in order and disjoint, a country listed once. */
@DocController('Shipping Rule')
export class ShippingRuleController implements DocHooks {
  validate(_ctx: Ctx, doc: Doc): void {
    const conditions = ((doc.conditions ?? []) as Doc[]).map((c) => ({
      from_value: money(c.from_value),
      to_value: money(c.to_value),
      shipping_amount: money(c.shipping_amount),
    }));
    if (doc.calculate_based_on !== 'Fixed') validateShippingConditions(conditions);
    else if (money(doc.shipping_amount)?.isNegative()) throw new ValidationError('Shipping Amount cannot be negative');
    const seen = new Set<string>();
    for (const c of (doc.countries ?? []) as Doc[]) {
      const country = String(c.country);
      if (seen.has(country)) throw new ValidationError(`Country ${country} is listed more than once`);
      seen.add(country);
    }
  }
}
