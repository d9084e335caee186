import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BakeFile, BuildOptionsError, bake, runBake } from '@dockwright/build';
import { CliError } from '@dockwright/cli-kit';
import type { Io } from '../io.js';
import {
  buildFailure,
  ENGINE_HELP,
  engineOptions,
  interruptible,
  loadScript,
  progressMode,
  progressPrinter,
  SCRIPT,
} from './build-script.js';

export const BAKE_HELP = `Usage: dockwright bake [options] <script> [targets…]

Writes the docker-bake.json a build script's default export describes: the result of bake()
from @dockwright/build, or an object of targets ({ api: { dockerfile, context, tags, args,
platforms, cacheFrom, … } }), or a function returning either. Each Dockerfile is written
inline, so \`docker buildx bake -f docker-bake.json\` builds them all in parallel, on remote
builders too. Prints the file on stdout unless --output is given.

Options:
  -o, --output <file>  write the bake file there (replaced atomically)
  --build              build the targets (or the default group): docker buildx bake, else each
                       target through the engine's built-in BuildKit; prints target image-id lines
  --progress <mode>    auto | tty | plain | quiet, for --build
${ENGINE_HELP}

Exit codes: 0 done, 1 a build failed, 2 usage, script or write error.
`;

function isBakeFile(value: unknown): value is BakeFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.target === 'object' &&
    v.target !== null &&
    typeof v.group === 'object' &&
    v.group !== null
  );
}

/** Writes through a temporary file and a rename: a reader never sees half a file. */
function writeFile(path: string, text: string, shown: string): void {
  let mode = 0o644;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError(`${shown}: cannot write: is a directory`);
    mode = st.mode & 0o7777;
  } catch (error) {
    if (error instanceof CliError) throw error;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw new CliError(`${shown}: cannot write: ${(error as Error).message}`, 2, { cause: error });
  }
}

export async function bakeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      build: { type: 'boolean' },
      progress: { type: 'string' },
      docker: { type: 'string' },
      host: { type: 'string', short: 'H' },
      'docker-context': { type: 'string' },
      engine: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(BAKE_HELP);
    return 0;
  }
  const [script, ...targets] = positionals;
  if (script === undefined)
    throw new CliError('no build script given (see dockwright bake --help)');
  if (!SCRIPT.test(script))
    throw new CliError(`${script}: a build script is a .js, .mjs, .cjs, .ts, .mts or .cts file`);
  const value = await loadScript(script, io.cwd);
  let file: BakeFile;
  try {
    file = isBakeFile(value) ? value : bake(value as Parameters<typeof bake>[0]);
  } catch (error) {
    if (error instanceof BuildOptionsError || error instanceof TypeError) {
      throw new CliError(`${script}: ${error.message}`, 2, { cause: error });
    }
    throw error;
  }
  const json = `${JSON.stringify(file, null, 2)}\n`;
  if (values.output !== undefined) writeFile(resolve(io.cwd, values.output), json, values.output);
  else if (!values.build) io.out(json);
  if (!values.build) return 0;

  const mode = progressMode(values.progress, io.env);
  const printers = new Map<string, ReturnType<typeof progressPrinter>>();
  try {
    const result = await interruptible((signal) =>
      runBake(file, {
        targets,
        cwd: io.cwd,
        engine: engineOptions(values, io.env),
        signal,
        onProgress: (target, event) => {
          let p = printers.get(target);
          if (!p) {
            // Several builds at once: plain lines, each prefixed with its target.
            p = progressPrinter(mode === 'tty' ? 'plain' : mode, io, `${target} `);
            printers.set(target, p);
          }
          p.onProgress(event);
        },
      }),
    );
    for (const [name, r] of Object.entries(result.targets)) {
      io.out(`${name} ${r.imageId ?? ''}${r.digest ? ` ${r.digest}` : ''}\n`);
    }
    return 0;
  } catch (error) {
    return buildFailure(error, io);
  } finally {
    for (const p of printers.values()) p.done();
  }
}
