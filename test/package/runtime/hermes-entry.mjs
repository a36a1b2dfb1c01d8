// Hermes: the ESM build bundled, then put through @react-native/babel-preset as Metro
// would, and run by the hermes CLI. `print` is the Hermes shell's output.
import { createDecider } from 'push-prompt-engine';
import data from './data.json';
import { decideAll } from './decide-all.mjs';

print(decideAll(createDecider, data));
