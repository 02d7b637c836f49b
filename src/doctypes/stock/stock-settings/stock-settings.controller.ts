import { Ctx } from '../../../kernel/db/context';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { ValidationError } from '../../../kernel/errors/errors';
import { STOCK_SETTINGS } from './stock-settings.doctype';

/** The one Stock Settings record: named after the doctype, never a second one, never deleted. */
@DocController(STOCK_SETTINGS)
export class StockSettingsController implements DocHooks {
  beforeInsert(_ctx: Ctx, doc: Doc): void {
    doc.name = STOCK_SETTINGS;
  }

  validate(_ctx: Ctx, doc: Doc): void {
    if (Number(doc.repost_in_transaction_limit) < 0) throw new ValidationError('Stock Settings: the in-transaction repost limit cannot be negative');
  }

  onTrash(): void {
    throw new ValidationError('Stock Settings cannot be deleted');
  }
}
