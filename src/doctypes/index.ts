import { ControllerRegistry } from '../kernel/document/controllers';
import { MetaRegistry } from '../kernel/metadata/meta';
import { CORE_CONTROLLERS, CORE_DOCTYPES } from './core';

/** Every doctype of Docket; later modules add theirs here. */
export const DOCTYPES = [...CORE_DOCTYPES];
export const CONTROLLERS = [...CORE_CONTROLLERS];

export function buildRegistry(): MetaRegistry {
  return new MetaRegistry(DOCTYPES);
}

export function buildControllers(): ControllerRegistry {
  return new ControllerRegistry(CONTROLLERS);
}
