import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** JSON Schema of a catalog specifier (the shape of `core/catalog/types.ts`), shared by the rules' options. */
export const specifierSchema: JSONSchema4 = {
  type: 'object',
  description: 'Where the API comes from: a package, a global (`lib`) or a framework role, plus a path of steps.',
  properties: {
    from: { type: 'string', enum: ['package', 'lib', 'role'], description: 'Kind of root: an imported package, a global, or a framework role.' },
    package: {
      description: 'Module name(s) as imported (for `from: package`).',
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    role: {
      description: 'Framework role(s), e.g. `http.request` (for `from: role`).',
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    path: { type: 'array', items: { type: 'string' }, description: "Steps after the root: names, '()' for a call, 'new', '#' instance of a type, '*', '**', 'a|b'." },
  },
  required: ['from', 'path'],
  additionalProperties: false,
};

/** JSON Schema of a rule's `catalog` option: extra catalog entries for that rule only. */
export function catalogEntriesSchema(description: string, factsDescription: string): JSONSchema4 {
  return {
    type: 'array',
    description,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'role', 'target'],
      properties: {
        id: { type: 'string', description: 'Stable id of the entry.' },
        role: { type: 'string', description: 'What the API is for this rule.' },
        target: specifierSchema,
        facts: { type: 'object', description: factsDescription },
        description: { type: 'string', description: 'One line for docs.' },
      },
    },
  };
}
