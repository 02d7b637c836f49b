import { applyDecorators, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DocHooks } from './types';

const FOR_DOCTYPE = DiscoveryService.createDecorator<string>();

/**
 * Marks a class as the controller of one doctype: an injectable Nest provider (its constructor
 * receives the services it needs) that the ControllerRegistry finds by discovery. Declare it
 * among a module's providers, in the doctype's folder: `@DocController('Item') class ItemController`.
 */
export function DocController(doctype: string): ClassDecorator {
  return applyDecorators(Injectable(), FOR_DOCTYPE(doctype));
}

const NO_HOOKS: DocHooks = {};

/** The controllers of all doctypes, looked up by doctype name: every provider marked @DocController. */
@Injectable()
export class ControllerRegistry implements OnModuleInit {
  private byDoctype?: Map<string, DocHooks>;

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.controllers();
  }

  get(doctype: string): DocHooks {
    return this.controllers().get(doctype) ?? NO_HOOKS;
  }

  /** Found once every provider exists (setup may save documents before the init hooks run). */
  private controllers(): Map<string, DocHooks> {
    if (this.byDoctype) return this.byDoctype;
    const found = new Map<string, DocHooks>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: FOR_DOCTYPE.KEY })) {
      const doctype = this.discovery.getMetadataByDecorator(FOR_DOCTYPE, wrapper);
      if (!doctype || !wrapper.instance) continue;
      const seen = found.get(doctype);
      if (seen && seen !== wrapper.instance) throw new Error(`Controller for ${doctype} is defined twice`);
      found.set(doctype, wrapper.instance as DocHooks);
    }
    this.byDoctype = found;
    return found;
  }
}
