import type { Rule } from '../types.js';
import { cacheOrder } from './dockwright/cache-order.js';
import { installWithoutCache } from './dockwright/install-without-cache.js';
import { rootFinalStage } from './dockwright/root-final-stage.js';
import { secretInArgEnv } from './dockwright/secret-in-arg-env.js';

/** Rules no other tool has. */
export const dockwrightRules: readonly Rule[] = [
  cacheOrder,
  installWithoutCache,
  rootFinalStage,
  secretInArgEnv,
];
