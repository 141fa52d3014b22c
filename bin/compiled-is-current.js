// Whether the compiled CLI may run: it exists and, in a checkout, no source under src/ is newer
// than it (a pull or an edit since the last build would otherwise run yesterday's code).
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** `compiled`: the built entry point (the build writes all of dist/ afresh); `sources`: src/. */
function compiledIsCurrent(compiled, sources) {
  if (!existsSync(compiled)) return false;
  return !existsSync(sources) || newestSource(sources) <= statSync(compiled).mtimeMs;
}

module.exports = { compiledIsCurrent };
