import { writeFileSync } from 'node:fs';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { MethodRegistry } from '../rest/method-registry';
import { buildSdl } from './sdl';

/** Writes the committed `schema.graphql` (the drift test compares it with the registries). */
export function writeSchemaFile(registry: MetaRegistry, methods: MethodRegistry, path = 'schema.graphql'): void {
  writeFileSync(path, buildSdl(registry, methods));
}
