/**
 * The JSON Schema of a rule file, generated from the fact catalog and the loader's policy
 * schema with zod's JSON Schema output, so editors autocomplete and validate through the
 * file's `$schema` line. Tooling only (full zod, not zod/mini): never imported from
 * src/index.ts, so client bundles never carry it. The loader stays the authority; this
 * schema is its editor-side shadow (it cannot know the declared attribute types, for one).
 */
import * as z from 'zod';
import { EXPERIMENT_NAME_RE } from '../../experiments/load.js';
import {
  ACTIONS,
  ATTRIBUTE_TYPES,
  type FactSpec,
  KEY_ACTION_FIELDS,
  OPERATORS_BY_TYPE,
  type Operator,
  type ValueType,
} from '../../rules/catalog.js';
import { DEFAULT_POLICY } from '../../rules/policy.js';
import { LIMITS } from '../../shared/limits.js';
import { VERSION_RE } from '../../shared/version.js';
import { DOCUMENTED_FACTS, type DocumentedFact, OPERATOR_DOCS } from '../catalog-docs.js';
import { PolicySchema } from '../policy-schema.js';

type Schema = z.ZodType;

const LIST_OPS: readonly Operator[] = ['in', 'notIn'];

/** Describes, for editors, a fixed list of operators (VS Code shows `enumDescriptions`). */
function operatorEnum(ops: readonly Operator[]): Schema {
  return z.enum(ops as [Operator, ...Operator[]]).meta({
    description: 'How the fact is compared with "value".',
    enumDescriptions: ops.map((o) => OPERATOR_DOCS[o]),
  });
}

function scalarOf(type: ValueType, spec: FactSpec): Schema {
  if (spec.enum !== undefined) return z.enum(spec.enum as [string, ...string[]]);
  switch (type) {
    case 'number':
    case 'number[]':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'version':
      return z.string().regex(VERSION_RE);
    default:
      return z.string();
  }
}

/** One leaf shape per group of operators: lists for in/notIn, a single value otherwise. */
function leafFor(spec: FactSpec, type: ValueType, path: Schema | undefined): Schema[] {
  const ops = OPERATORS_BY_TYPE[type];
  const single = ops.filter((o) => !LIST_OPS.includes(o));
  const list = ops.filter((o) => LIST_OPS.includes(o));
  const base = { fact: z.literal(spec.name), ...(path && { path }) };
  const out: Schema[] = [];
  if (single.length > 0) {
    out.push(z.strictObject({ ...base, operator: operatorEnum(single), value: scalarOf(type, spec) }));
  }
  if (list.length > 0) {
    out.push(
      z.strictObject({
        ...base,
        operator: operatorEnum(list),
        value: z.array(scalarOf(type, spec)).meta({ description: 'A list of values.' }),
      }),
    );
  }
  return out;
}

const ATTR_NAME = '[A-Za-z_][A-Za-z0-9_-]{0,99}';
/** Experiment ids and arm names (src/experiments/load.ts). */
const EXPERIMENT_NAME = EXPERIMENT_NAME_RE.source.slice(1, -1);

function factSchema(spec: DocumentedFact): Schema {
  const example = { fact: spec.name, ...spec.example };
  const meta = { description: `${spec.name}: ${spec.description}`, examples: [example] };
  if (spec.path === 'keyActions') {
    const path = z
      .string()
      .regex(new RegExp(`^\\$\\.${ATTR_NAME}\\.(${KEY_ACTION_FIELDS.join('|')})$`))
      .meta({ description: '$.NAME.count or $.NAME.hoursSinceLast', examples: ['$.order_placed.count'] });
    return z.union(leafFor(spec, 'number', path)).meta(meta);
  }
  if (spec.path === 'attributes') {
    const path = z
      .string()
      .regex(new RegExp(`^\\$\\.${ATTR_NAME}$`))
      .meta({ description: '$.NAME of an attribute declared in "attributes"', examples: ['$.tier'] });
    // The attribute's type is declared in the same file; the loader checks it.
    const shapes = (['string', 'number', 'boolean', 'string[]'] as const).flatMap((t) =>
      leafFor(spec, t, path),
    );
    return z.union(shapes).meta(meta);
  }
  if (spec.path === 'experiment') {
    const path = z
      .string()
      .regex(new RegExp(`^\\$\\.${EXPERIMENT_NAME}$`))
      .meta({
        description: '$.EXPERIMENT_ID of an experiment in "experiments"',
        examples: ['$.primer-copy'],
      });
    // The values are the experiment's arm names, declared in the same file; the loader checks them.
    return z.union(leafFor(spec, 'string', path)).meta(meta);
  }
  const shapes = leafFor(spec, spec.type, undefined);
  return (shapes.length === 1 ? (shapes[0] as Schema) : z.union(shapes)).meta(meta);
}

/**
 * Leaf conditions typed per fact: allowed operators and value type. A plain union (zod's
 * discriminated union refuses options that are unions themselves); the JSON output turns
 * it into `oneOf`, which is exact here since each option pins `fact` to one name.
 */
function leafSchema(): Schema {
  return z
    .union(DOCUMENTED_FACTS.map((f) => factSchema(f)))
    .meta({ id: 'leaf', description: 'A condition on one fact of the catalog.' });
}

/** The `experiments` block (section 9); the loader also checks the total weight and the arms rules name. */
function experimentsSchema(root: Schema): Schema {
  const name = z.string().regex(EXPERIMENT_NAME_RE);
  const W = LIMITS.ruleSet.maxTotalWeight;
  const arm = z
    .strictObject({
      weight: z
        .number()
        .int()
        .min(1)
        .max(W)
        .meta({
          description: `The arm's share of enrolled users is weight / (sum of the weights); whole numbers, at most ${W} in total.`,
          examples: [45],
        }),
      holdout: z.boolean().optional().meta({
        description:
          'A holdout arm is never prompted, whatever the rules say (reason "holdout"): the baseline.',
        default: false,
      }),
    })
    .meta({ description: 'One arm.' });
  const experiment = z
    .strictObject({
      description: z.string().optional().meta({ description: 'What the experiment tests.' }),
      salt: z
        .string()
        .min(1)
        .optional()
        .meta({
          description:
            'Hashed with the userId to assign arms (default: the experiment id). A new salt reshuffles every user.',
          examples: ['primer-copy-2026-12'],
        }),
      audience: root.optional().meta({
        description:
          'Who is enrolled, besides having a userId: conditions over the same facts as rules (not the experiment fact). Default: everyone.',
        examples: [{ all: [{ fact: 'os', operator: 'equal', value: 'ios' }] }],
      }),
      arms: z.record(name, arm).meta({
        description: 'The arms in assignment order (at least one): name → { weight, holdout? }.',
        examples: [
          { holdout: { weight: 10, holdout: true }, benefit: { weight: 45 }, generic: { weight: 45 } },
        ],
        minProperties: 1,
      }),
    })
    .meta({ description: 'One experiment: arms, integer weights, optional salt and audience.' });
  return z.record(name, experiment).optional().meta({
    description:
      'Experiments: each enrolled user (userId present, audience holds) gets an arm from a hash of salt and userId; rules read it with the experiment fact ($.EXPERIMENT_ID); decisions list the assignments.',
  });
}

function conditionsSchemas(): { root: Schema } {
  const leaf = leafSchema();
  // Getters let the groups refer to the union they belong to (zod's recursive objects).
  const all = z
    .strictObject({
      get all() {
        return z.array(condition).meta({ description: 'Every condition holds ("all": [] is always true).' });
      },
    })
    .meta({ id: 'all' });
  const any = z
    .strictObject({
      get any() {
        return z.array(condition).min(1).meta({ description: 'At least one condition holds (never empty).' });
      },
    })
    .meta({ id: 'any' });
  const not = z
    .strictObject({
      get not() {
        return condition;
      },
    })
    .meta({ id: 'not', description: 'The condition does not hold.' });
  const condition: Schema = z
    .union([all, any, not, leaf])
    .meta({ id: 'condition', description: 'A fact condition, or a group: all, any, not.' });
  const root = z.union([all, any, not]).meta({
    description: 'The rule\'s conditions; the root is "all", "any" or "not" (as in json-rules-engine).',
    examples: [{ all: [{ fact: 'sessionCount', operator: 'greaterThanInclusive', value: 2 }] }],
  });
  return { root };
}

/** Descriptions, examples and defaults for each policy field (the loader's zod schema has none). */
export const POLICY_DOCS: Readonly<Record<string, { description: string; examples: unknown[] }>> = {
  softPrompt: {
    description: 'Guardrails for the in-app soft prompt (pre-permission primer).',
    examples: [DEFAULT_POLICY.softPrompt],
  },
  settingsLink: {
    description: 'Guardrails for the link to the OS/browser notification settings (denied users).',
    examples: [DEFAULT_POLICY.settingsLink],
  },
  cooldownDays: {
    description:
      'Back-off in days: the nth "Not now" (soft prompt) or nth settings link starts cooldownDays[min(n, length) - 1] days of waiting.',
    examples: [[3, 7, 30]],
  },
  maxShows: { description: 'Lifetime cap on shows of this kind.', examples: [3] },
  maxPerSession: {
    description: 'Cap per session (needs sessions.currentStartedAt in the context).',
    examples: [1],
  },
  quietHours: {
    description:
      "Local hours [from, to) at now's UTC offset when no prompt is shown; may wrap midnight (22 to 8).",
    examples: [{ from: 22, to: 8 }],
  },
  from: { description: 'First quiet hour (0-23).', examples: [22] },
  to: { description: 'First hour after the quiet hours (0-23).', examples: [8] },
};

type JsonObject = { [k: string]: unknown };
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Adds POLICY_DOCS (and the defaults) to the JSON Schema zod emits for PolicySchema. */
function documentPolicy(schema: JsonObject, defaults: unknown): JsonObject {
  const props = schema.properties;
  if (isObject(props)) {
    for (const [name, sub] of Object.entries(props)) {
      const doc = POLICY_DOCS[name];
      if (!isObject(sub) || doc === undefined) continue;
      const d = isObject(defaults) ? defaults[name] : undefined;
      Object.assign(sub, { description: doc.description, examples: doc.examples });
      if (d !== undefined && d !== null && !isObject(d)) sub.default = d;
      documentPolicy(sub, d);
    }
  }
  return schema;
}

function policyJsonSchema(): JsonObject {
  const { $schema: _, ...schema } = z.toJSONSchema(PolicySchema, { target: 'draft-7' }) as JsonObject;
  return documentPolicy(
    {
      ...schema,
      description: 'Guardrails no rule can break. Omitted fields take the defaults shown.',
      examples: [DEFAULT_POLICY],
    },
    DEFAULT_POLICY,
  );
}

/**
 * The authoring schema of a rule file as a zod schema (the JSON Schema's source). The
 * policy block is a placeholder here: its JSON Schema comes from the loader's PolicySchema.
 *
 * @example
 * ruleSetAuthoringSchema().safeParse(JSON.parse(fs.readFileSync('rules/default.json', 'utf8'))).success; // true
 */
export function ruleSetAuthoringSchema(): z.ZodType {
  const { root } = conditionsSchemas();
  const rule = z
    .strictObject({
      id: z
        .string()
        .regex(/^[A-Za-z0-9_.:-]{1,100}$/)
        .meta({
          description: 'Unique id, reported in decisions as ruleId.',
          examples: ['after-first-order'],
        }),
      description: z
        .string()
        .optional()
        .meta({ description: 'Why this rule exists, for the next person who edits it.' }),
      priority: z
        .number()
        .int()
        .min(1)
        .max(1_000_000)
        .optional()
        .meta({
          description: 'Higher wins; ties go to the earlier rule in the file. Default 1.',
          examples: [100],
          default: 1,
        }),
      conditions: root,
      event: z
        .strictObject({
          type: z.enum(ACTIONS).meta({
            description: 'The action when this rule wins.',
            enumDescriptions: [
              'Show the in-app soft prompt; on "Allow" the app requests the OS/browser permission.',
              'Show a link to the notification settings (only for users the OS can no longer ask).',
              'Show nothing: a suppression rule.',
            ],
          }),
          params: z
            .record(z.string(), z.json().meta({ id: 'json', description: 'Any JSON value.' }))
            .optional()
            .meta({
              description: 'Returned with the decision; "variant" names an entry of "variants" (the copy).',
              examples: [{ variant: 'order-updates' }],
            }),
        })
        .meta({ description: 'What the rule decides.' }),
    })
    .meta({ id: 'rule', description: 'One rule: conditions on facts, and the action when it wins.' });
  return z
    .strictObject({
      $schema: z.string().optional().meta({ description: 'Path to this schema, for editors.' }),
      name: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/)
        .meta({
          description: 'The rule set name, reported in decisions as name@hash.',
          examples: ['default'],
        }),
      description: z.string().optional().meta({ description: 'What this rule set is for.' }),
      attributes: z
        .record(z.string().regex(new RegExp(`^${ATTR_NAME}$`)), z.enum(ATTRIBUTE_TYPES))
        .optional()
        .meta({
          description: 'Custom facts the app sends in context.attributes, with their types.',
          examples: [{ tier: 'string', ltv: 'number' }],
        }),
      policy: z.unknown().optional(),
      variants: z
        .record(z.string(), z.record(z.string(), z.string()))
        .optional()
        .meta({
          description:
            'The copy variants rules may name in event.params.variant (the linter checks the names).',
          examples: [{ 'order-updates': { description: 'Get notified when your order ships.' } }],
        }),
      experiments: experimentsSchema(root),
      rules: z.array(rule).meta({ description: 'The rules, any order; priority decides.' }),
    })
    .meta({ title: 'push-prompt-engine rule set', description: 'When to ask for push permission.' });
}

/**
 * The JSON Schema (draft-07, the dialect editors support best) of a rule file.
 *
 * @example
 * fs.writeFileSync('rules/rule-set.schema.json', `${JSON.stringify(ruleSetJsonSchema(), null, 2)}\n`);
 */
export function ruleSetJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(ruleSetAuthoringSchema(), {
    target: 'draft-7',
    unrepresentable: 'any',
  }) as JsonObject;
  const props = schema.properties as JsonObject;
  props.policy = policyJsonSchema();
  const leaf = (schema.definitions as JsonObject).leaf as JsonObject;
  const { anyOf, ...rest } = leaf;
  (schema.definitions as JsonObject).leaf = { ...rest, oneOf: anyOf };
  return schema;
}

/**
 * The JSON Schema as written to rules/rule-set.schema.json (2-space JSON, final newline).
 *
 * @example
 * readFileSync('rules/rule-set.schema.json', 'utf8') === renderRuleSetJsonSchema(); // true when fresh
 */
export function renderRuleSetJsonSchema(): string {
  return `${JSON.stringify(ruleSetJsonSchema(), null, 2)}\n`;
}
