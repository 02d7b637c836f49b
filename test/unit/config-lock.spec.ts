import { lockedFieldsChanged } from '../../src/domain/tax/config-lock';
import { Money } from '../../src/kernel/money/decimal';

describe('lockedFieldsChanged', () => {
  const row = { charge_type: 'On Net Total', account_head: 'VAT - DD', rate: 20, description: 'VAT' };
  const tpl = (rows: object[], extra: object = {}) => ({ name: 'VAT - DD', title: 'VAT', taxes: rows, ...extra });

  it('ignores descriptions, titles and equal numbers written differently', () => {
    expect(lockedFieldsChanged('Sales Taxes and Charges Template', tpl([{ ...row, description: 'Tax' }], { title: 'X' }), tpl([row]))).toBe(false);
    expect(lockedFieldsChanged('Sales Taxes and Charges Template', tpl([{ ...row, rate: new Money('20.000') }]), tpl([row]))).toBe(false);
  });
  it('sees a changed rate, account, inclusion or row count', () => {
    expect(lockedFieldsChanged('Sales Taxes and Charges Template', tpl([{ ...row, rate: 21 }]), tpl([row]))).toBe(true);
    expect(lockedFieldsChanged('Sales Taxes and Charges Template', tpl([{ ...row, account_head: 'Other - DD' }]), tpl([row]))).toBe(true);
    expect(lockedFieldsChanged('Sales Taxes and Charges Template', tpl([{ ...row, included_in_print_rate: 1 }]), tpl([row]))).toBe(true);
    expect(lockedFieldsChanged('Sales Taxes and Charges Template', tpl([row, row]), tpl([row]))).toBe(true);
  });
  it('item tax rates and tax rule conditions', () => {
    const itt = (rate: number) => ({ name: 'R - DD', taxes: [{ tax_type: 'VAT - DD', tax_rate: rate }] });
    expect(lockedFieldsChanged('Item Tax Template', itt(5), itt(5))).toBe(false);
    expect(lockedFieldsChanged('Item Tax Template', itt(6), itt(5))).toBe(true);
    const rule = { name: 'R1', sales_tax_template: 'VAT - DD', priority: 1 };
    expect(lockedFieldsChanged('Tax Rule', { ...rule, priority: 2 }, rule)).toBe(true);
    expect(lockedFieldsChanged('Tax Rule', { ...rule, customer: 'Alice' }, rule)).toBe(true);
    expect(lockedFieldsChanged('Tax Rule', { ...rule }, rule)).toBe(false);
  });
});
