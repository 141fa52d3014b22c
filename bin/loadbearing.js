#!/usr/bin/env node
// The `loadbearing` command. It runs the compiled CLI (npm install builds it); in a checkout
// that has not been built yet it falls back to compiling on the fly, which starts slower.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '../dist/src/app/cli/main.js');
if (existsSync(compiled)) {
  require(compiled).main();
} else {
  require('ts-node').register({ transpileOnly: true, project: join(__dirname, '../tsconfig.json') });
  require('../src/app/cli/main.ts').main();
}
