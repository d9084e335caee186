import {
  PLATFORM_ARGS as BUILDKIT_PLATFORM_ARGS,
  PREDEFINED_ARGS as BUILDKIT_PREDEFINED_ARGS,
} from '@dockwright/ast';

/** ARGs BuildKit defines in the global scope (usable in FROM without declaring them). */
export const PLATFORM_ARGS: ReadonlySet<string> = new Set(BUILDKIT_PLATFORM_ARGS);

/** Predefined build args (proxy variables and BuildKit settings). */
export const PREDEFINED_ARGS: ReadonlySet<string> = new Set(BUILDKIT_PREDEFINED_ARGS);
