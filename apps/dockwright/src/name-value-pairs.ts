import { CliError } from '@dockwright/cli-kit';

/**
 * `--flag name=value` options as docker reads them (`--build-arg`, `--label`), the last one
 * given for a name winning. With `env`, a `name` alone takes the variable's value from it and
 * is left out when it is unset (`docker build --build-arg NAME`); without, it is refused.
 */
export function nameValuePairs(
  values: readonly string[] | undefined,
  flag: string,
  env?: NodeJS.ProcessEnv,
): Record<string, string> {
  // No prototype: a name such as `__proto__` is a key like any other, not a prototype to set.
  const out: Record<string, string> = Object.create(null);
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq === -1 && env) {
      // docker build --build-arg NAME: the value comes from the environment, if set.
      if (env[v] !== undefined) out[v] = env[v]!;
      continue;
    }
    if (eq <= 0) throw new CliError(`${flag} takes name=value, not ${JSON.stringify(v)}`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
