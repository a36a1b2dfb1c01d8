/**
 * Documented limits: far above any real app, below anything that hurts a server.
 * Enforced at load (rule sets, `limit-exceeded` issues) and at evaluation (contexts,
 * `invalid-context`). docs/security.md states each one with its measured cost; a test checks
 * that table against this object.
 *
 * @example
 * LIMITS.context.maxAsks; // 10000: a context with more asks is invalid-context
 */
export const LIMITS = {
  /** Rule sets. */
  ruleSet: {
    /**
     * Characters of a rule-set JSON text given to `loadRuleSetText` / the CLI, checked
     * before parsing; for an already parsed rule set, the characters of all its strings
     * and keys together.
     */
    maxFileChars: 5_000_000,
    maxRules: 10_000,
    /** Leaf conditions in one rule. */
    maxConditionsPerRule: 1_000,
    /** Nesting of all/any/not groups (the root group is depth 1). */
    maxDepth: 32,
    /**
     * JSON nesting of the whole document: room for `maxDepth` groups (two levels each:
     * the group object and its list) under `rules[i].conditions`, plus a value list.
     */
    maxJsonDepth: 72,
    /** Elements of an `in` / `notIn` / condition value list. */
    maxListLength: 10_000,
    /** Characters of one string value or object key. */
    maxStringLength: 1_000,
    maxAttributes: 100,
    /** Nesting depth of JSON under `event.params` and other free-form objects. */
    maxParamsDepth: 8,
    /** JSON nodes (values) in the whole rule set. */
    maxNodes: 500_000,
    /** Experiments in the `experiments` block (each costs one hash of the user id per decision). */
    maxExperiments: 100,
    /** Arms of one experiment. */
    maxArms: 100,
    /**
     * The sum of one experiment's arm weights: every arm then gets at least one of the
     * 10,000 assignment buckets, and a port assigns with 32-bit integers (src/experiments/assign.ts).
     */
    maxTotalWeight: 10_000,
  },
  /** Contexts. */
  context: {
    maxAsks: 10_000,
    maxCooldowns: 100,
    maxKeyActions: 1_000,
    maxAttributes: 100,
    maxStringLength: 1_000,
    /** Elements of an array-valued attribute. */
    maxListLength: 1_000,
    /** JSON nodes (values) in the whole context. */
    maxNodes: 100_000,
    /** Characters of all strings and keys in the context together (its size without syntax). */
    maxChars: 1_000_000,
    /** Nesting depth of the context document. */
    maxDepth: 8,
    /** Characters (code points, as JSON Schema counts them) of `userId`. */
    maxUserIdLength: 200,
    /** Characters (code points) of a key action name, an attribute name and `trigger`. */
    maxNameLength: 100,
    /** Bounds of `platform.apiLevel` and `platform.targetSdk` (Android API levels). */
    minApiLevel: 1,
    maxApiLevel: 1_000,
  },
} as const;
