/**
 * The one program every runtime runs (Node's CJS and ESM builds, Chromium, Hermes): the
 * golden table test/cases.json decided with and without `explain`, as one JSON string.
 * Plain ES2020 modules, no Node or browser API, so any engine can run it once bundled.
 *
 * @param {(ruleSet: unknown) => { decide(c: unknown, o?: { explain?: boolean }): unknown }} createDecider
 * @param {{ cases: { ruleSet: string | object, context: unknown }[], ruleSets: Record<string, unknown> }} data
 * @returns {string}
 */
export function decideAll(createDecider, data) {
  const deciders = {};
  const out = [];
  for (const c of data.cases) {
    let decider;
    if (typeof c.ruleSet === 'string') {
      if (!deciders[c.ruleSet]) deciders[c.ruleSet] = createDecider(data.ruleSets[c.ruleSet]);
      decider = deciders[c.ruleSet];
    } else {
      decider = createDecider(c.ruleSet);
    }
    out.push(decider.decide(c.context), decider.decide(c.context, { explain: true }));
  }
  return JSON.stringify(out);
}
