import Decimal from 'decimal.js';
import { addressDisplay } from '../../src/doctypes/contacts/address/address-display';
import { contactFullName, contactPrimaries } from '../../src/doctypes/contacts/contact/contact-details';
import { dedupeLinks } from '../../src/doctypes/contacts/dynamic-links';
import { suffixedName } from '../../src/doctypes/contacts/suffixed-name';
import { defaultAbbr } from '../../src/doctypes/setup/company/abbr';
import { checkUoms } from '../../src/doctypes/stock/item/item-uoms';
import { warehouseName } from '../../src/doctypes/stock/warehouse/warehouse-name';

describe('suffixedName (Address and Contact names)', () => {
  it('keeps a free name', () => {
    expect(suffixedName('Acme-Billing', ['Other-Billing'])).toBe('Acme-Billing');
  });

  it('appends -1 to a taken name, then one past the highest suffix', () => {
    expect(suffixedName('Acme-Billing', ['Acme-Billing'])).toBe('Acme-Billing-1');
    expect(suffixedName('Acme-Billing', ['Acme-Billing', 'Acme-Billing-1', 'Acme-Billing-7'])).toBe('Acme-Billing-8');
  });

  it('ignores names that only share the prefix', () => {
    expect(suffixedName('Acme-Billing', ['Acme-Billing', 'Acme-Billing-North', 'Acme-Billing-2x'])).toBe('Acme-Billing-1');
  });
});

describe('warehouseName', () => {
  it('suffixes the company abbreviation once', () => {
    expect(warehouseName('Stores', 'DD')).toBe('Stores - DD');
    expect(warehouseName(' Stores - DD ', 'DD')).toBe('Stores - DD');
    expect(warehouseName('Stores - XY', 'DD')).toBe('Stores - XY - DD');
  });
});

describe('defaultAbbr', () => {
  it('takes the upper-cased initials', () => {
    expect(defaultAbbr('Docket Demo')).toBe('DD');
    expect(defaultAbbr('  acme   trading company ')).toBe('ATC');
  });
});

describe('checkUoms', () => {
  it('asks for the stock UOM row when it is missing', () => {
    expect(checkUoms('Nos', [])).toEqual({ needsStockRow: true });
    expect(checkUoms('Nos', [{ uom: 'Box', conversion_factor: new Decimal(6) }])).toEqual({ needsStockRow: true });
    expect(checkUoms('Nos', [{ uom: 'Nos', conversion_factor: new Decimal(1) }, { uom: 'Box', conversion_factor: '6' }])).toEqual({
      needsStockRow: false,
    });
  });

  it('rejects a UOM listed twice', () => {
    expect(() => checkUoms('Nos', [{ uom: 'Box', conversion_factor: 6 }, { uom: 'Box', conversion_factor: 12 }])).toThrow(
      'Unit of Measure Box has been entered more than once in Conversion Factor Table',
    );
  });

  it('requires factor 1 for the stock UOM and positive factors elsewhere', () => {
    expect(() => checkUoms('Nos', [{ uom: 'Nos', conversion_factor: '1.000000001', idx: 3 }])).toThrow(
      'Conversion factor for default Unit of Measure must be 1 in row 3',
    );
    expect(() => checkUoms('Nos', [{ uom: 'Box', conversion_factor: 0 }])).toThrow('Row 1: Conversion Factor of Box must be greater than 0');
  });
});

describe('contact details', () => {
  it('builds the full name, falling back to the company name', () => {
    expect(contactFullName({ first_name: ' Jane ', middle_name: null, last_name: 'Doe' })).toBe('Jane Doe');
    expect(contactFullName({ first_name: '', company_name: 'Acme' })).toBe('Acme');
  });

  it('takes email, phone and mobile from the primary rows', () => {
    const primaries = contactPrimaries(
      [{ email_id: 'a@example.com', is_primary: 0 }, { email_id: ' b@example.com ', is_primary: 1 }],
      [
        { phone: '111', is_primary_phone: 1, is_primary_mobile_no: 0 },
        { phone: '222', is_primary_phone: 0, is_primary_mobile_no: 1 },
      ],
    );
    expect(primaries).toEqual({ email_id: 'b@example.com', phone: '111', mobile_no: '222' });
    expect(contactPrimaries([{ email_id: 'a@example.com', is_primary: 0 }], [])).toEqual({ email_id: null, phone: null, mobile_no: null });
  });

  it('allows one primary of each kind', () => {
    const two = [
      { email_id: 'a@example.com', is_primary: 1 },
      { email_id: 'b@example.com', is_primary: 1 },
    ];
    expect(() => contactPrimaries(two, [])).toThrow('Only one Email ID can be set as primary.');
    const phones = [
      { phone: '1', is_primary_mobile_no: 1 },
      { phone: '2', is_primary_mobile_no: 1 },
    ];
    expect(() => contactPrimaries([], phones)).toThrow('Only one Mobile No can be set as primary.');
  });
});

describe('dedupeLinks', () => {
  it('keeps the first row of each (link_doctype, link_name) and renumbers', () => {
    const doc = {
      links: [
        { link_doctype: 'Customer', link_name: 'C1', idx: 1 },
        { link_doctype: 'Company', link_name: 'C1', idx: 2 },
        { link_doctype: 'Customer', link_name: 'C1', idx: 3 },
        { link_doctype: 'Customer', link_name: 'C2', idx: 4 },
      ],
    };
    dedupeLinks(doc);
    expect(doc.links.map((l) => [l.link_doctype, l.link_name, l.idx])).toEqual([
      ['Customer', 'C1', 1],
      ['Company', 'C1', 2],
      ['Customer', 'C2', 3],
    ]);
  });
});

describe('addressDisplay', () => {
  it('lists the filled parts, one per line', () => {
    const text = addressDisplay({ address_line1: '350 Fifth Avenue', address_line2: '', city: 'New York', state: 'NY', pincode: '10118', country: 'United States', phone: '555' });
    expect(text).toBe('350 Fifth Avenue<br>\nNew York<br>\nNY<br>\n10118<br>\nUnited States<br>\nPhone: 555<br>');
  });
});
