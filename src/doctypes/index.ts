import { MetaRegistry } from '../kernel/metadata/meta';
import { DocTypeDef } from '../kernel/metadata/types';
import { CORE_CONTROLLERS, CORE_DOCTYPES } from './core';
import { MASTER_CONTROLLERS, MASTER_DOCTYPES } from './masters';

/** Every doctype of Docket; later modules add theirs here. */
export const DOCTYPES = [...CORE_DOCTYPES, ...MASTER_DOCTYPES];
/** Their controllers (providers of the DoctypesModule, found by the ControllerRegistry). */
export const CONTROLLERS = [...CORE_CONTROLLERS, ...MASTER_CONTROLLERS];

export function buildRegistry(extra: DocTypeDef[] = []): MetaRegistry {
  return new MetaRegistry([...DOCTYPES, ...extra]);
}
