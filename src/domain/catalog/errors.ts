import { ValidationError } from '../../kernel/errors/errors';

/** ERPNext's ItemVariantExistsError (417): a variant with the same attribute values already exists. */
export class ItemVariantExistsError extends ValidationError {
  override readonly excType = 'ItemVariantExistsError';
}

/** ERPNext's InvalidItemAttributeValueError (417): a value outside the attribute's list, range or increment. */
export class InvalidItemAttributeValueError extends ValidationError {
  override readonly excType = 'InvalidItemAttributeValueError';
}

/** ERPNext's ItemAttributeIncrementError (417): a numeric Item Attribute with a zero increment. */
export class ItemAttributeIncrementError extends ValidationError {
  override readonly excType = 'ItemAttributeIncrementError';
}
