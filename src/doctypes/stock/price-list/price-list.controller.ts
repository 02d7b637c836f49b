import { Ctx } from '../../../kernel/db/context';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocController } from '../../../kernel/document/controllers';
import { Doc, DocHooks } from '../../../kernel/document/types';

@DocController('Price List')
export class PriceListController implements DocHooks {
  validate(_ctx: Ctx, doc: Doc): void {
    if (!Number(doc.buying) && !Number(doc.selling)) {
      throw new ValidationError('Price List must be applicable for Buying or Selling');
    }
  }
}
