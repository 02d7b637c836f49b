import { writeFileSync } from 'node:fs';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { buildSdl } from './sdl';

/** Writes the committed `schema.graphql` (the drift test compares it with the registry). */
export function writeSchemaFile(registry: MetaRegistry, path = 'schema.graphql'): void {
  writeFileSync(path, buildSdl(registry));
}
