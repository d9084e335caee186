/**
 * Node's built-in modules: npm refuses them as package names.
 * (A fixed list, so the result does not depend on the Node running the CLI.)
 */
const BUILTINS = new Set(
  'assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain events fs http http2 https inspector module net os path perf_hooks process punycode querystring readline repl stream string_decoder sys timers tls trace_events tty url util v8 vm wasi worker_threads zlib'.split(
    ' ',
  ),
);

/** Names npm blocks outright. */
const BLOCKED = new Set(['node_modules', 'favicon.ico']);

/**
 * The problems npm's package-name rules find with `name` (empty when it is valid for a new
 * package). The rules of npm's validate-npm-package-name, for unscoped names: non-empty, at
 * most 214 characters, no leading `.` or `_`, no surrounding spaces, lowercase, only URL-safe
 * characters and none of `~'!()*`, not a Node built-in module, not `node_modules`.
 *
 * @example
 * ```ts
 * validatePackageName('My App') // ['name can no longer contain capital letters', …]
 * validatePackageName('my-app') // []
 * ```
 */
export function validatePackageName(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) return ['name length must be greater than zero'];
  if (name.trim() !== name) problems.push('name cannot contain leading or trailing spaces');
  if (name.startsWith('.')) problems.push('name cannot start with a period');
  if (name.startsWith('_')) problems.push('name cannot start with an underscore');
  if (name.startsWith('@')) problems.push('a scoped name (@scope/name) cannot be a directory name');
  if (BLOCKED.has(name.toLowerCase())) problems.push(`${name} is not a valid package name`);
  if (BUILTINS.has(name)) problems.push(`${name} is a Node.js built-in module name`);
  if (name.length > 214) problems.push('name can no longer contain more than 214 characters');
  if (name.toLowerCase() !== name) problems.push('name can no longer contain capital letters');
  if (/[~'!()*]/.test(name)) {
    problems.push('name can no longer contain special characters ("~\'!()*")');
  }
  if (encodeURIComponent(name) !== name && !name.startsWith('@')) {
    problems.push('name can only contain URL-friendly characters');
  }
  return problems;
}

/**
 * A Docker image and Compose project name from a valid package name: Docker's reference
 * grammar allows `[a-z0-9]+` joined by `.`, `_`, `__` or dashes, so every other run of
 * characters becomes one dash.
 *
 * @example
 * ```ts
 * imageNameFor('my_app..v2') // 'my-app-v2'
 * ```
 */
export function imageNameFor(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned.length > 0 ? cleaned : 'app';
}
