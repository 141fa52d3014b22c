import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemaSdl } from '../src/api/graphql/server/schema-sdl';

/** Writes schema.gql from the code-first resolvers; commit it and review its diff. */
void buildSchemaSdl().then((sdl) => {
  writeFileSync(join(__dirname, '..', 'schema.gql'), sdl);
  console.log('wrote schema.gql');
});
