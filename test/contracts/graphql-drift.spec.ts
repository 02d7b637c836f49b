import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSdl } from '../../src/api/graphql/sdl';
import { buildRegistry } from '../../src/doctypes';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

describe('schema.graphql', () => {
  it('matches the GraphQL schema derived from the doctype registry', () => {
    const expected = buildSdl(buildRegistry());
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : null;
    if (committed !== expected) {
      const why = committed === null ? 'schema.graphql is missing' : 'schema.graphql is out of date with the doctype definitions';
      throw new Error(`${why}: run \`npm run generate\` and commit the result`);
    }
  });
});
