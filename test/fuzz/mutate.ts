/**
 * JSON mutation for fuzzing: take a valid document and break it the ways people and
 * attackers do: rename a key (a typo, a prototype key), swap a value for other JSON,
 * delete a field, wrap a value in deep nesting, duplicate a list element.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One mutation, applied at the `at`-th node (modulo the node count) of the document. */
export type Mutation =
  | { readonly op: 'rename'; readonly at: number; readonly name: string }
  | { readonly op: 'replace'; readonly at: number; readonly value: Json }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'nest'; readonly at: number; readonly depth: number; readonly key: string }
  | { readonly op: 'duplicate'; readonly at: number };

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'valeu',
  'fakt',
  'any',
  'all',
  'not',
  'path',
  'params',
  'toString',
  '',
);
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    '$..x',
    '$[?(@.a)]',
    '$.*',
    '2024-02-30T00:00:00Z',
    '5',
    '-0',
    [],
    {},
    null,
    1e308,
    -1,
  ),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('rename' as const), at: fc.nat(), name: fc.oneof(hostileKey, fc.string()) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('nest' as const),
    at: fc.nat(),
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 40, max: 3000 })),
    key: fc.constantFrom('all', 'any', 'not', 'a'),
  }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
);

type Slot = { parent: Json[] | { [k: string]: Json }; key: string | number };

/** Every (parent, key) slot of the document, iteratively, in a stable order. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const v = stack.pop() as Json;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        stack.push(x);
      });
    } else {
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k });
        stack.push(v[k] as Json);
      }
    }
  }
  return out;
}

function wrap(value: Json, depth: number, key: string): Json {
  let v = value;
  for (let i = 0; i < depth; i++) v = key === 'not' || key === 'a' ? { [key]: v } : { [key]: [v] };
  return v;
}

/** Applies the mutations to a deep copy of `doc` (the input is not changed). */
export function mutate(doc: Json, mutations: readonly Mutation[]): Json {
  const root = JSON.parse(JSON.stringify(doc)) as Json;
  for (const m of mutations) {
    const all = slots(root);
    if (all.length === 0) continue;
    const { parent, key } = all[m.at % all.length] as Slot;
    const get = (): Json => (parent as Record<string | number, Json>)[key] as Json;
    const set = (v: Json): void => {
      if (Array.isArray(parent)) parent[key as number] = v;
      else
        Object.defineProperty(parent, key, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    };
    switch (m.op) {
      case 'rename':
        if (!Array.isArray(parent)) {
          const v = get();
          delete parent[key as string];
          // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
          Object.defineProperty(parent, m.name, {
            value: v,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        break;
      case 'replace':
        set(m.value);
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'nest':
        set(wrap(get(), m.depth, m.key));
        break;
      case 'duplicate':
        // The same reference twice (a DAG, still JSON data): copying a 3,000-deep value
        // would overflow the stack in the harness itself.
        if (Array.isArray(parent)) parent.push(get());
        break;
    }
  }
  return root;
}
