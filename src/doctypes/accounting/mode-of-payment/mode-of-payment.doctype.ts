import { defineDocType } from '../../../kernel/metadata/types';
import { FULL, grant, READ } from '../../setup/permissions';

/** ERPNext's Mode of Payment, with a default account per company. */
export const ModeOfPayment = defineDocType({
  name: 'Mode of Payment',
  module: 'Accounts',
  autoname: 'field:mode_of_payment',
  sort_field: 'name',
  sort_order: 'asc',
  fields: [
    { fieldname: 'mode_of_payment', fieldtype: 'Data', label: 'Mode of Payment', reqd: true, unique: true },
    { fieldname: 'enabled', fieldtype: 'Check', label: 'Enabled', default: 1 },
    { fieldname: 'type', fieldtype: 'Select', label: 'Type', options: 'Cash\nBank\nGeneral\nPhone' },
    { fieldname: 'accounts', fieldtype: 'Table', label: 'Accounts', options: 'Mode of Payment Account' },
  ],
  permissions: [...grant(FULL, 'Accounts Manager'), ...grant(READ, 'Accounts User', 'Sales User')],
});
