import { Type } from '@nestjs/common';
import { DocTypeDef } from '../../../kernel/metadata/types';
import { SalesInvoiceItem } from '../sales-invoice-item/sales-invoice-item.doctype';
import { SalesInvoiceController } from './sales-invoice.controller';
import { SalesInvoice } from './sales-invoice.doctype';

/** Sales Invoice (issue 9): the doctypes and their controllers, spread into the accounting registrations. */
export const SALES_INVOICE_DOCTYPES: DocTypeDef[] = [SalesInvoice, SalesInvoiceItem];
export const SALES_INVOICE_CONTROLLERS: Type[] = [SalesInvoiceController];
