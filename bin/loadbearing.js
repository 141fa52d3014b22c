#!/usr/bin/env node
// The `loadbearing` command. It runs the compiled CLI (npm install builds it); when that is
// missing or older than the sources (a checkout changed since its last build), it compiles the
// sources on the fly instead, which starts slower, and says so on stderr.
const { join } = require('node:path');
const { compiledIsCurrent } = require('./compiled-is-current');

const compiled = join(__dirname, '../dist/src/app/cli/main.js');
if (compiledIsCurrent(compiled, join(__dirname, '../src'))) {
  require(compiled).main();
} else {
  process.stderr.write(
    'loadbearing: dist/ is missing or older than src/ (npm run build makes it current); running the sources\n',
  );
  require('ts-node').register({
    transpileOnly: true,
    project: join(__dirname, '../tsconfig.json'),
  });
  require('../src/app/cli/main.ts').main();
}
