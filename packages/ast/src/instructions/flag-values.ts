// The values BuildKit accepts for RUN's and its mounts' enumerated options
// (instructions/commands_runnetwork.go, commands_runsecurity.go, commands_runmount.go).

/** `RUN --network=…`. */
export const RUN_NETWORK_MODES = Object.freeze(['default', 'none', 'host'] as const);

/** `RUN --security=…` (`insecure` needs the `security.insecure` entitlement). */
export const RUN_SECURITY_MODES = Object.freeze(['sandbox', 'insecure'] as const);

/** `RUN --mount=type=…`. */
export const MOUNT_TYPES = Object.freeze(['bind', 'cache', 'tmpfs', 'secret', 'ssh'] as const);

/** `RUN --mount=type=cache,sharing=…`. */
export const MOUNT_SHARING_MODES = Object.freeze(['shared', 'private', 'locked'] as const);
