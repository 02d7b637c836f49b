import { Type } from '@nestjs/common';
import { DocTypeDef } from '../kernel/metadata/types';
import { AddressController } from './contacts/address/address.controller';
import { Address } from './contacts/address/address.doctype';
import { ContactEmail } from './contacts/contact-email/contact-email.doctype';
import { ContactPhone } from './contacts/contact-phone/contact-phone.doctype';
import { ContactController } from './contacts/contact/contact.controller';
import { Contact } from './contacts/contact/contact.doctype';
import { DynamicLink } from './contacts/dynamic-link/dynamic-link.doctype';
import { CustomerController } from './selling/customer/customer.controller';
import { Customer } from './selling/customer/customer.doctype';
import { CompanyController } from './setup/company/company.controller';
import { Company } from './setup/company/company.doctype';
import { Country } from './setup/country/country.doctype';
import { Currency } from './setup/currency/currency.doctype';
import { CustomerGroupController } from './setup/customer-group/customer-group.controller';
import { CustomerGroup } from './setup/customer-group/customer-group.doctype';
import { ItemGroupController } from './setup/item-group/item-group.controller';
import { ItemGroup } from './setup/item-group/item-group.doctype';
import { TerritoryController } from './setup/territory/territory.controller';
import { Territory } from './setup/territory/territory.doctype';
import { UOM } from './setup/uom/uom.doctype';
import { ItemDefault } from './stock/item-default/item-default.doctype';
import { ItemController } from './stock/item/item.controller';
import { Item } from './stock/item/item.doctype';
import { PriceListController } from './stock/price-list/price-list.controller';
import { PriceList } from './stock/price-list/price-list.doctype';
import { UOMConversionDetail } from './stock/uom-conversion-detail/uom-conversion-detail.doctype';
import { WarehouseController } from './stock/warehouse/warehouse.controller';
import { Warehouse } from './stock/warehouse/warehouse.doctype';

/** ERPNext's masters and standard setup doctypes (Setup, Selling, Stock, Contacts, Geo). */
export const MASTER_DOCTYPES: DocTypeDef[] = [
  Currency,
  Country,
  UOM,
  Company,
  CustomerGroup,
  Territory,
  ItemGroup,
  Customer,
  Address,
  Contact,
  DynamicLink,
  ContactEmail,
  ContactPhone,
  Item,
  UOMConversionDetail,
  ItemDefault,
  PriceList,
  Warehouse,
];

export const MASTER_CONTROLLERS: Type[] = [
  CompanyController,
  CustomerGroupController,
  TerritoryController,
  ItemGroupController,
  CustomerController,
  AddressController,
  ContactController,
  ItemController,
  PriceListController,
  WarehouseController,
];
