import { ValidationError } from '../../../kernel/errors/errors';
import { defineController } from '../../../kernel/document/types';

export const PriceListController = defineController('Price List', {
  validate(_ctx, doc) {
    if (!Number(doc.buying) && !Number(doc.selling)) {
      throw new ValidationError('Price List must be applicable for Buying or Selling');
    }
  },
});
