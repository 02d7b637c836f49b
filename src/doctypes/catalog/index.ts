import { Type } from '@nestjs/common';
import { DocTypeDef } from '../../kernel/metadata/types';
import { Brand } from './brand/brand.doctype';
import { ItemAttributeController } from './item-attribute/item-attribute.controller';
import { ItemAttribute } from './item-attribute/item-attribute.doctype';
import { ItemAttributeValue } from './item-attribute-value/item-attribute-value.doctype';
import { ItemVariantAttribute } from './item-variant-attribute/item-variant-attribute.doctype';
import { ItemWebsiteSpecification } from './item-website-specification/item-website-specification.doctype';
import { WebshopSettingsController } from './webshop-settings/webshop-settings.controller';
import { WebshopSettings } from './webshop-settings/webshop-settings.doctype';
import { WebsiteItemController } from './website-item/website-item.controller';
import { WebsiteItem } from './website-item/website-item.doctype';

/** The catalogue's doctypes: brands, item attributes, Website Items and the webshop's settings. */
export const CATALOG_DOCTYPES: DocTypeDef[] = [Brand, ItemAttribute, ItemAttributeValue, ItemVariantAttribute, WebshopSettings, WebsiteItem, ItemWebsiteSpecification];

export const CATALOG_CONTROLLERS: Type[] = [ItemAttributeController, WebshopSettingsController, WebsiteItemController];
