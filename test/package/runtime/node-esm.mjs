// The ESM build (dist/index.js) decides the golden table: prints the JSON.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { decideAll } from './decide-all.mjs';

const { createDecider } = await import(pathToFileURL(process.argv[2]).href);
const data = JSON.parse(readFileSync(process.argv[3], 'utf8'));
process.stdout.write(decideAll(createDecider, data));
