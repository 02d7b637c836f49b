import { ControllerDef, DocController } from './types';

/** The controllers of all doctypes, looked up by doctype name. */
export class ControllerRegistry {
  private readonly byDoctype = new Map<string, DocController>();

  constructor(defs: readonly ControllerDef[]) {
    for (const def of defs) {
      if (this.byDoctype.has(def.doctype)) throw new Error(`Controller for ${def.doctype} is defined twice`);
      this.byDoctype.set(def.doctype, def);
    }
  }

  get(doctype: string): DocController {
    return this.byDoctype.get(doctype) ?? {};
  }
}
