import type { ShellCommand } from '../shell/command.js';

/** The base name of a command path: `/usr/bin/apt-get` gives `apt-get`. */
export function commandName(c: ShellCommand): string {
  const slash = c.name.lastIndexOf('/');
  return slash < 0 ? c.name : c.name.slice(slash + 1);
}

/**
 * The `n`th word of a command that is no flag (`npm --silent ci` gives `ci` for 0), or
 * undefined; flag values count as words. Read without listing the words: most commands are
 * none of the tools asked about.
 */
function word(c: ShellCommand, n: number): string | undefined {
  const { args, flags } = c;
  let k = 0;
  for (let i = 0; i < args.length; i++) {
    while (k < flags.length && flags[k]!.index < i) k++;
    if (k < flags.length && flags[k]!.index === i) continue;
    if (n-- === 0) return args[i];
  }
  return undefined;
}

/**
 * A dependency install that reads the project's manifest (package.json, requirements.txt,
 * Gemfile, go.mod, Cargo.toml …): what should run before the sources are copied. Returns a
 * short name for the message, or null.
 */
export function dependencyInstall(c: ShellCommand): string | null {
  const name = commandName(c);
  switch (name) {
    case 'npm': {
      const sub = word(c, 0);
      if (sub === 'ci') return 'npm ci';
      return (sub === 'install' || sub === 'i') && word(c, 1) === undefined ? `npm ${sub}` : null;
    }
    case 'pnpm': {
      const sub = word(c, 0);
      if ((sub === 'install' || sub === 'i') && word(c, 1) === undefined) return 'pnpm install';
      return sub === 'fetch' ? 'pnpm fetch' : null;
    }
    case 'yarn': {
      const sub = word(c, 0);
      if (sub === undefined) return 'yarn install';
      return sub === 'install' && word(c, 1) === undefined ? 'yarn install' : null;
    }
    case 'bun':
      return word(c, 0) === 'install' && word(c, 1) === undefined ? 'bun install' : null;
    case 'pip':
    case 'pip3':
      return c.args.includes('install') &&
        (c.args.includes('-r') || c.args.includes('--requirement'))
        ? `${name} install -r`
        : null;
    case 'poetry':
      return word(c, 0) === 'install' ? 'poetry install' : null;
    case 'pipenv': {
      const sub = word(c, 0);
      return sub === 'install' || sub === 'sync' ? `pipenv ${sub}` : null;
    }
    case 'uv': {
      const sub = word(c, 0);
      if (sub === 'sync') return 'uv sync';
      return sub === 'pip' && word(c, 1) === 'install' && c.args.includes('-r')
        ? 'uv pip install -r'
        : null;
    }
    case 'bundle': {
      const sub = word(c, 0);
      return sub === 'install' || sub === undefined ? 'bundle install' : null;
    }
    case 'go':
      return word(c, 0) === 'mod' && word(c, 1) === 'download' ? 'go mod download' : null;
    case 'cargo': {
      const sub = word(c, 0);
      return sub === 'fetch' || sub === 'build' ? `cargo ${sub}` : null;
    }
    case 'composer':
      return word(c, 0) === 'install' ? 'composer install' : null;
    case 'dotnet':
      return word(c, 0) === 'restore' ? 'dotnet restore' : null;
    case 'mix':
      return word(c, 0) === 'deps.get' ? 'mix deps.get' : null;
    default:
      // Any other command: its words (and flags) are not read.
      return null;
  }
}

export interface PackageInstall {
  /** The tool, for the message: `apt-get`, `apk`, `pip`, `npm` … */
  readonly tool: string;
  /** Where its cache lives, for the suggested cache mount. */
  readonly cacheTarget: string;
}

/** A package-manager install that leaves a download cache behind unless told otherwise. */
export function packageInstall(c: ShellCommand): PackageInstall | null {
  const name = commandName(c);
  if (/^pip[0-9.]*$/.test(name)) {
    return c.args.includes('install') ? { tool: 'pip', cacheTarget: '/root/.cache/pip' } : null;
  }
  switch (name) {
    case 'apt-get':
    case 'apt':
      return word(c, 0) === 'install' ? { tool: name, cacheTarget: '/var/cache/apt' } : null;
    case 'apk':
      return word(c, 0) === 'add' ? { tool: 'apk', cacheTarget: '/var/cache/apk' } : null;
    case 'dnf':
    case 'yum':
    case 'microdnf':
      return word(c, 0) === 'install'
        ? { tool: name, cacheTarget: `/var/cache/${name === 'microdnf' ? 'dnf' : name}` }
        : null;
    case 'npm': {
      const sub = word(c, 0);
      return sub === 'ci' || sub === 'install' || sub === 'i'
        ? { tool: 'npm', cacheTarget: '/root/.npm' }
        : null;
    }
    case 'yarn': {
      const sub = word(c, 0);
      return sub === undefined || sub === 'install' || sub === 'add'
        ? { tool: 'yarn', cacheTarget: '/usr/local/share/.cache/yarn' }
        : null;
    }
    case 'pnpm': {
      const sub = word(c, 0);
      return sub === 'install' || sub === 'i' || sub === 'add' || sub === 'fetch'
        ? { tool: 'pnpm', cacheTarget: '/root/.local/share/pnpm/store' }
        : null;
    }
    default:
      // Any other command: its words (and flags) are not read.
      return null;
  }
}
