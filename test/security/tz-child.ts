/**
 * Child process for tz.test.ts: prints the machine's offset on a winter and a summer day
 * (proof that `TZ` took effect) and the corpus decisions, as JSON.
 */
import { decideCorpus } from './tz-corpus.js';

const offsets = [new Date(2026, 0, 15).getTimezoneOffset(), new Date(2026, 6, 15).getTimezoneOffset()];
process.stdout.write(JSON.stringify({ tz: process.env.TZ, offsets, decisions: decideCorpus() }));
