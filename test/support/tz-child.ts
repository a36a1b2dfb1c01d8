/**
 * Child process for the TZ property (test/property/determinism.test.ts): decides the
 * scenarios a seed generates and prints the decisions as JSON. Run under different `TZ`
 * values, its output must equal the parent's.
 *
 *   TZ=Pacific/Chatham node --import tsx test/support/tz-child.ts <seed> <numRuns>
 */
import { decideSample } from './tz-sample.js';

const [seedArg, runsArg] = process.argv.slice(2);
process.stdout.write(JSON.stringify(decideSample(Number(seedArg), Number(runsArg))));
