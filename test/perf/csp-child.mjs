/**
 * Child process of csp.test.ts, run with `node --disallow-code-generation-from-strings`
 * (V8's switch for what a CSP without 'unsafe-eval' enforces). Before the client bundle is
 * imported, `Function` and `eval` are replaced with stubs that count every call, so even
 * a probe that catches the error (as zod's JIT check does) is seen. Prints JSON.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, rulesFile, ...contextFiles] = process.argv.slice(2);
let calls = 0;
const RealFunction = Function;
globalThis.Function = new Proxy(RealFunction, {
  apply() {
    calls++;
    throw new EvalError('code generation blocked');
  },
  construct() {
    calls++;
    throw new EvalError('code generation blocked');
  },
});
globalThis.eval = () => {
  calls++;
  throw new EvalError('code generation blocked');
};

const lib = await import(pathToFileURL(bundle).href);
const decider = lib.createDecider(JSON.parse(readFileSync(rulesFile, 'utf8')));
const decisions = [];
for (const file of contextFiles) {
  const ctx = JSON.parse(readFileSync(file, 'utf8'));
  decisions.push(decider.decide(ctx));
  decisions.push(decider.decide(ctx, { explain: true }));
  decisions.push(decider.decideParsed(lib.parseContext(ctx)));
  // The reference (zod) path: an extra key sends a valid context through it.
  decisions.push(decider.decide({ ...ctx, extra: 1 }));
}
// Invalid input: zod's error path and the issue formatting.
decisions.push(decider.decide({ now: 'yesterday', platform: { os: 'beos' }, sessions: { count: -1 } }));
decisions.push(decider.decide(null));
let ruleSetError = null;
try {
  lib.loadRuleSet({ name: 'x', rules: [{ id: 'a', conditions: { all: [{ fact: 'sesionCount' }] } }] });
} catch (e) {
  ruleSetError = { name: e.name, issues: e.issues.length };
}
process.stdout.write(
  JSON.stringify({
    calls,
    decisions,
    ruleSetError,
    policy:
      lib.loadRuleSet({ name: 'x', rules: [], policy: { quietHours: { from: 22, to: 8 } } }).policy
        .quietHours !== null,
  }),
);
