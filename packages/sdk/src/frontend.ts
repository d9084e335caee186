import { DockerfileBuildError } from './dockerfile-build-error.js';

/**
 * The Dockerfile frontend (`# syntax=docker/dockerfile:1.N`) a feature needs. The baseline is
 * the frontend built into Docker 20.10 (dockerfile 1.2: `RUN --mount` of every type, `--chmod`
 * in octal, `--chown`), which needs no syntax line.
 */
export interface FrontendNeed {
  /** The minor version of `docker/dockerfile:1.N`. */
  readonly minor: number;
  /** Only a `-labs` frontend has it. */
  readonly labs: boolean;
  /** What needs it, for messages: `COPY --link`. */
  readonly feature: string;
}

/** The built-in frontend of Docker 20.10: dockerfile 1.2. */
export const BASELINE_MINOR = 2;

export const FEATURES = {
  heredoc: { minor: 4, labs: false, feature: 'a heredoc' },
  link: { minor: 4, labs: false, feature: '--link' },
  network: { minor: 3, labs: false, feature: 'RUN --network' },
  // Docker 20.10 reads a --mount value literally; dockerfile 1.3 and later expand it, so a
  // value holding `$`, a quote or `\` means one thing only once the frontend is pinned.
  mountExpansion: {
    minor: 3,
    labs: false,
    feature: 'a --mount value with "$", a quote or a backslash',
  },
  tmpfsSize: { minor: 4, labs: false, feature: 'a tmpfs mount with a size' },
  startInterval: { minor: 6, labs: false, feature: 'HEALTHCHECK --start-interval' },
  colonlessSubstitution: {
    minor: 6,
    labs: false,
    feature: 'a ${NAME-word} or ${NAME+word} reference (without ":")',
  },
  patternSubstitution: {
    minor: 7,
    labs: false,
    feature: 'a ${NAME#pattern}, ${NAME%pattern} or ${NAME/pattern/replacement} reference',
  },
  checksum: { minor: 6, labs: false, feature: 'ADD --checksum' },
  // ADD <git ref> and --keep-git-dir graduated from labs together with --checksum (moby/buildkit#3979).
  keepGitDir: { minor: 6, labs: false, feature: 'ADD --keep-git-dir' },
  secretEnv: { minor: 10, labs: false, feature: 'a secret mount with env' },
  symbolicChmod: { minor: 14, labs: false, feature: 'a symbolic --chmod' },
  unpack: { minor: 17, labs: false, feature: 'ADD --unpack' },
  exclude: { minor: 19, labs: false, feature: '--exclude' },
  parents: { minor: 20, labs: false, feature: 'COPY --parents' },
  security: { minor: 20, labs: false, feature: 'RUN --security' },
  device: { minor: 14, labs: true, feature: 'RUN --device' },
} as const satisfies Record<string, FrontendNeed>;

/** `1.N` or `1.N-labs`: the newest frontend a Dockerfile may need. */
export type FrontendVersion = `1.${number}` | `1.${number}-labs`;

export interface Frontend {
  readonly minor: number;
  readonly labs: boolean;
}

export function parseFrontend(value: string): Frontend {
  const m = /^1\.(\d+)(-labs)?$/.exec(value);
  if (!m) {
    throw new DockerfileBuildError(
      'dockerfile',
      `options.frontend must look like "1.4" or "1.14-labs": ${JSON.stringify(value)}`,
    );
  }
  return { minor: Number(m[1]), labs: m[2] !== undefined };
}

/**
 * The cap an explicit `# syntax=` value sets: `docker/dockerfile:1.N`, `1.N.P` or `1.N-labs`
 * (also under `docker.io/` and as `dockerfile-upstream`, with or without a digest). An
 * unversioned tag (`docker/dockerfile:1` follows the newest 1.x) or another frontend image sets
 * none: the builder cannot know what it supports.
 */
export function syntaxCap(value: string): Frontend | null {
  const m =
    /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:1\.(\d+)(?:\.\d+)?(-labs)?(?:@sha256:[0-9a-f]{64})?$/.exec(
      value,
    );
  return m ? { minor: Number(m[1]), labs: m[2] !== undefined } : null;
}

/** `1.N` or `1.N-labs`. */
function versionOf(f: Frontend): string {
  return `1.${f.minor}${f.labs ? '-labs' : ''}`;
}

/**
 * Refuses a feature newer than the cap; `syntax` names the explicit `syntax()` value the cap
 * came from, else it is the `frontend` option.
 */
export function checkCap(
  method: string,
  need: FrontendNeed,
  cap: Frontend | null,
  syntax: string | null = null,
): void {
  if (!cap) return;
  if (need.minor <= Math.max(cap.minor, BASELINE_MINOR) && (!need.labs || cap.labs)) return;
  const wanted = versionOf(need);
  const by =
    syntax === null
      ? `the frontend option caps it at ${versionOf(cap)}`
      : `# syntax=${syntax} caps it at ${versionOf(cap)}`;
  throw new DockerfileBuildError(
    method,
    `${need.feature} needs Dockerfile frontend ${wanted} (# syntax=docker/dockerfile:${wanted}), but ${by}`,
  );
}

export function mergeNeed(a: Frontend, b: FrontendNeed): Frontend {
  const minor = Math.max(a.minor, b.minor);
  const labs = a.labs || b.labs;
  return minor === a.minor && labs === a.labs ? a : { minor, labs };
}

/** The syntax directive value a Dockerfile needs, or null when the built-in frontend will do. */
export function syntaxFor(need: Frontend): string | null {
  if (need.labs) return `docker/dockerfile:1.${need.minor}-labs`;
  if (need.minor <= BASELINE_MINOR) return null;
  return `docker/dockerfile:1.${need.minor}`;
}
