/** Rewrites the generated, committed contracts: schema.graphql and openapi.yaml. */
import { writeSchemaFile } from '../src/api/graphql/generate';
import { writeOpenApiFile } from '../src/api/openapi/generate';
import { MethodRegistry } from '../src/api/rest/method-registry';
import { allMethods } from '../src/api/rest/methods';
import { buildRegistry } from '../src/doctypes';

const registry = buildRegistry();
writeSchemaFile(registry, new MethodRegistry(allMethods()));
writeOpenApiFile(registry, allMethods());
process.stdout.write('wrote schema.graphql and openapi.yaml\n');
