import type { ESLint } from 'eslint';
import plugin from '../../index.js';

/** JSON Schema as rules declare it (the parts the meta test walks). */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  [key: string]: unknown;
}

/** The shape of an assume rule module, as the meta, docs and README tests read it. */
export interface AssumeRule {
  meta: {
    type: 'problem' | 'suggestion' | 'layout';
    docs: { description: string; recommended?: boolean; url?: string; requiresTypeChecking?: boolean };
    messages: Record<string, string>;
    schema: SchemaNode[] | SchemaNode | false;
    hasSuggestions?: boolean;
    fixable?: 'code' | 'whitespace';
    defaultOptions?: unknown[];
  };
  defaultOptions?: unknown[];
  create: (...args: never[]) => unknown;
}

export interface FlatConfigLike {
  name?: string;
  plugins?: Record<string, unknown>;
  rules?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface AssumePlugin {
  meta: { name: string; version: string };
  rules: Record<string, AssumeRule>;
  configs: Record<string, FlatConfigLike>;
}

/** The plugin as its users get it (index.ts), typed for inspection. */
export const assumePlugin = plugin as unknown as AssumePlugin;

/** The plugin typed for ESLint's own `Linter`. */
export const eslintPlugin = plugin as unknown as ESLint.Plugin;

/** Rule ids the plugin registers, sorted. */
export function registeredRuleIds(): string[] {
  return Object.keys(assumePlugin.rules).sort();
}

export function ruleOf(id: string): AssumeRule {
  if (!Object.hasOwn(assumePlugin.rules, id)) throw new Error(`the plugin has no rule ${id}`);
  return assumePlugin.rules[id];
}
