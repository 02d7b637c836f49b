import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { MethodDef } from '../rest/method-registry';
import { buildOpenApi } from './document';

/** The package version, read from package.json (three levels up from src/ and from dist/ alike). */
export function docketVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** A document as YAML text: no anchors, no folded lines, so the committed file diffs cleanly. */
export function toYaml(document: Record<string, unknown>): string {
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

export function openApiYaml(registry: MetaRegistry, methods: readonly MethodDef[]): string {
  return toYaml(buildOpenApi(registry, methods, docketVersion()));
}

/** Writes the committed `openapi.yaml` (the drift test compares it with the registries). */
export function writeOpenApiFile(registry: MetaRegistry, methods: readonly MethodDef[], path = 'openapi.yaml'): void {
  writeFileSync(path, openApiYaml(registry, methods));
}
