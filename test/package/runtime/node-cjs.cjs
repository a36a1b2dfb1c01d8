// The CommonJS build (dist/index.cjs) decides the golden table: prints the JSON.
const { readFileSync } = require('node:fs');
const { createDecider } = require(process.argv[2]);
const data = JSON.parse(readFileSync(process.argv[3], 'utf8'));
import('./decide-all.mjs').then(({ decideAll }) => process.stdout.write(decideAll(createDecider, data)));
