import { flask } from './flask/template.js';
import { node } from './node/template.js';
import { nodeTs } from './node-ts/template.js';
import type { Template } from './template.js';

/**
 * Every template, in the order prompts and `--help` list them. `--existing` asks each in turn
 * whether it recognises the project, so the more specific comes first (node-ts before node).
 */
export const TEMPLATES: readonly Template[] = [flask, node, nodeTs];

/** The templates `--existing` tries, most specific first. */
export const DETECTION_ORDER: readonly Template[] = [flask, nodeTs, node];

export function templateNamed(name: string): Template | undefined {
  return TEMPLATES.find((t) => t.name === name);
}
