#!/usr/bin/env node
'use strict';
// The `catapult` command. It runs the compiled CLI; `npm install` builds it.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('catapult is not built yet: run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
// A closed pipe (`catapult local | head`) is not an error worth a stack trace:
// stop as SIGPIPE would, and let the command's own SIGTERM handling clean up.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.kill(process.pid, 'SIGTERM');
    else throw err;
  });
}
require(entry).main(process.argv.slice(2)).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { process.stderr.write(String(err && err.stack ? err.stack : err) + '\n'); process.exit(1); },
);
