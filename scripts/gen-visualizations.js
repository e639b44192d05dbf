#!/usr/bin/env node
/**
 * Regenerates visualizations/machines: the node, app and framework machines
 * as SVG, Mermaid (.mmd) and DOT, from their definitions.
 *
 * Usage: npm run build && node scripts/gen-visualizations.js [outDir]   (default visualizations/machines)
 *
 * The generation itself lives in src/visualize (builtinVisualizationFiles), so
 * test/unit/visualize/generated-diagrams.test.ts renders the same files in
 * memory and fails when the committed ones are stale.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const compiled = path.join(ROOT, 'dist', 'src', 'visualize', 'index.js');

async function main() {
  if (!fs.existsSync(compiled)) {
    process.stderr.write(`${path.relative(ROOT, compiled)} is missing: run \`npm run build\` first.\n`);
    process.exit(1);
  }
  const { builtinVisualizationFiles, BUILTIN_VISUALIZATIONS_DIR } = require(compiled);
  const outDir = path.resolve(process.argv[2] || path.join(ROOT, BUILTIN_VISUALIZATIONS_DIR));
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of await builtinVisualizationFiles()) {
    fs.writeFileSync(path.join(outDir, file.fileName), file.content);
    process.stdout.write(`wrote ${path.relative(ROOT, path.join(outDir, file.fileName))}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
