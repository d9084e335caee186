import { parseArgs } from 'node:util';
import {
  createRegistryClient,
  type PinMode,
  type PinnedReference,
  pinDockerfile,
} from '@dockwright/build';
import { CliError } from '@dockwright/cli-kit';
import { escapeTerminal } from '@dockwright/lint';
import { selectFiles } from '../expand-glob.js';
import { holdSignals } from '../hold-signals.js';
import type { Io } from '../io.js';
import { displayName, readInput } from '../read-input.js';
import { replaceFile } from '../replace-file.js';
import { encodeText } from '../text-bytes.js';

export const PIN_HELP = `Usage: dockwright pin [--check|--update] [files…|-]

Pins every image a Dockerfile pulls (FROM, COPY --from=image, RUN --mount=…,from=image) to the
digest its tag names now, through the registry's API: node:22-slim becomes
node:22-slim@sha256:… (a multi-platform image's index digest). Only the image reference is
edited; every other byte of the file stays. Default: ./Dockerfile; - reads stdin and writes
the result to stdout.

Options:
  --check                    change nothing; exit 1 when a reference is unpinned or its tag moved
  --update                   also replace digests whose tag now names another one
  --insecure-registry <host> speak plain HTTP to this registry (loopback always is; repeatable)

Credentials are Docker's: ~/.docker/config.json (or $DOCKER_CONFIG), its credential store and
credential helpers (docker-credential-<name> on PATH), and token authentication.
References built from variables (FROM node:\${V}) are judged through their ARG defaults and
left as written.

Exit codes: 0 done (or --check: all pinned and current), 1 --check found unpinned or moved
references, or a reference could not be pinned, 2 usage, read or registry error.
`;

function describe(r: PinnedReference): string {
  const short = (d: string | null) => (d ? d.slice(0, 19) : '');
  switch (r.status) {
    case 'pinned':
      return `pinned ${r.ref} to ${r.digest}`;
    case 'updated':
      return `updated ${r.ref} to ${r.digest}`;
    case 'current':
      return `${r.ref} is pinned`;
    case 'unpinned':
      return `${r.ref} is not pinned (the tag names ${r.latest})`;
    case 'moved':
      return `${r.ref.replace(/@.*/, '')} moved: pinned to ${short(r.digest)}…, the tag names ${r.latest} now`;
    case 'digest-only':
      return `${r.ref} is pinned by digest only`;
    default:
      return `${r.ref}: ${r.message ?? r.status}`;
  }
}

export async function pinCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: 'boolean' },
      update: { type: 'boolean' },
      'insecure-registry': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(PIN_HELP);
    return 0;
  }
  if (values.check && values.update)
    throw new CliError('--check and --update cannot be used together');
  const mode: PinMode = values.check ? 'check' : values.update ? 'update' : 'pin';
  const files = selectFiles(positionals.length > 0 ? positionals : ['Dockerfile'], io.cwd, []);
  const registry = createRegistryClient({ insecureRegistries: values['insecure-registry'] ?? [] });
  let problems = false;
  let errors = false;
  // One file at a time, each to the end: a file that cannot be read or written is reported
  // and the others are still pinned.
  for (const file of files) {
    try {
      const input = readInput(file, io.cwd);
      const result = await pinDockerfile(input.text, {
        mode,
        resolve: (ref) => registry.digest(ref),
      });
      for (const r of result.references) {
        const bad = !['pinned', 'updated', 'current', 'digest-only'].includes(r.status);
        if (r.status === 'error') errors = true;
        else if (bad) problems = true;
        // Quiet about what is fine when checking; say what changed otherwise.
        if (mode === 'check' && !bad) continue;
        if (r.status === 'current' || r.status === 'digest-only') continue;
        io.err(`${displayName(file)}:${r.line}:${r.column}: ${escapeTerminal(describe(r))}\n`);
      }
      if (mode === 'check') continue;
      if (file === '-') io.out(result.text);
      else if (result.text !== input.text) {
        await holdSignals(() =>
          replaceFile(input.source, encodeText(result.text), displayName(file)),
        );
      }
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`${error.message}\n`);
      errors = true;
    }
  }
  return errors ? 2 : problems ? 1 : 0;
}
