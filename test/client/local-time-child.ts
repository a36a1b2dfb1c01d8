/**
 * Child process for test/client/local-time.test.ts: for each zone, sets `TZ` (Node applies
 * a change of process.env.TZ at once) and prints localTimestamp of each instant, as JSON. The batches come on stdin.
 *
 *   echo '[["Asia/Kathmandu", [1772374200000]]]' | node --import tsx test/client/local-time-child.ts
 */
import { readFileSync } from 'node:fs';
import { localTimestamp } from '../../src/client/local-time.js';

const batches = JSON.parse(readFileSync(0, 'utf8')) as [string, number[]][];
const out = batches.map(([tz, instants]) => {
  process.env.TZ = tz;
  return instants.map((ms) => localTimestamp(new Date(ms)));
});
process.stdout.write(JSON.stringify(out));
