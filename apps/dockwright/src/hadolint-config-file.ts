import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { relative, resolve } from 'node:path';
import { CliError } from '@dockwright/cli-kit';
import {
  escapeTerminal,
  type HadolintConfig,
  HadolintConfigError,
  hadolintConfigFromEnv,
  hadolintConfigLocations,
  mergeHadolintConfigs,
  parseHadolintConfig,
} from '@dockwright/lint';
import { readBounded } from './read-input.js';
import { decodeText } from './text-bytes.js';

/**
 * hadolint's configuration as hadolint finds it: the `HADOLINT_*` variables, then the file named
 * with `--hadolint-config` or else the first of hadolint's locations that exists
 * (`./.hadolint.yaml`, `$XDG_CONFIG_HOME/hadolint.yaml`, `~/.hadolint/…`, `~/.hadolint.yaml`). A
 * file hadolint would refuse is a usage error (exit 2); keys hadolint ignores are warned about.
 */
export function loadHadolintConfig(
  path: string | undefined,
  cwd: string,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
): HadolintConfig {
  const fromEnv = hadolintConfigFromEnv(env);
  const file =
    path !== undefined
      ? resolve(cwd, path)
      : hadolintConfigLocations({
          cwd,
          home: env.HOME ?? homedir(),
          xdgConfigHome: env.XDG_CONFIG_HOME,
        }).find((p) => existsSync(p));
  if (file === undefined) return fromEnv;
  const shown = escapeTerminal(path ?? relative(cwd, file));
  const text = decodeText(readBounded(file, shown).bytes);
  try {
    const { config, warnings } = parseHadolintConfig(text, shown);
    for (const w of warnings) warn(`${escapeTerminal(w)}\n`);
    return mergeHadolintConfigs(fromEnv, config);
  } catch (error) {
    if (error instanceof HadolintConfigError)
      throw new CliError(escapeTerminal(error.message), 2, { cause: error });
    throw error;
  }
}
