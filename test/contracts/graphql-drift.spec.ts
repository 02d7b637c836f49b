import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSdl } from '../../src/api/graphql/sdl';
import { MethodRegistry } from '../../src/api/rest/method-registry';
import { allMethods } from '../../src/api/rest/methods';
import { buildRegistry } from '../../src/doctypes';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

describe('schema.graphql', () => {
  it('matches the GraphQL schema derived from the doctype and method registries', () => {
    const expected = buildSdl(buildRegistry(), new MethodRegistry(allMethods()));
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : null;
    if (committed !== expected) {
      const why = committed === null ? 'schema.graphql is missing' : 'schema.graphql is out of date with the doctype or method definitions';
      throw new Error(`${why}: run \`npm run generate\` and commit the result`);
    }
  });
});
