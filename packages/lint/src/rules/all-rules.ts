import type { Rule } from '../types.js';
import { buildkitRules } from './buildkit-rules.js';
import { dockwrightRules } from './dockwright-rules.js';
import { hadolintRules } from './hadolint-rules.js';

/** Every rule, BuildKit's first. */
export const allRules: readonly Rule[] = [...buildkitRules, ...hadolintRules, ...dockwrightRules];
