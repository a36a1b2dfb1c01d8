/**
 * A worker thread of `push-prompt simulate`: prepares the simulation once (population,
 * compiled rule sets) and simulates the user ranges the main thread sends, answering with
 * the tallies (and the log lines, when asked).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareSimulation } from '../authoring/simulate/simulate.js';
import { type ChunkRequest, simulateChunk, type WorkerSetup } from './simulate-pool.js';

const setup = workerData as WorkerSetup;
const prepared = prepareSimulation(setup.spec);
parentPort?.on('message', (req: ChunkRequest) => {
  parentPort?.postMessage(simulateChunk(prepared, req, setup.logged));
});
