import type { ContainerPlan } from '../container/container-plan.js';
import type { CliArgs } from '../parse-cli-args.js';

/** Flags that override what detection finds (`--existing`). */
export type DetectOverrides = Pick<
  CliArgs,
  | 'packageManager'
  | 'port'
  | 'pythonVersion'
  | 'nodeVersion'
  | 'start'
  | 'app'
  | 'build'
  | 'buildOutput'
  | 'healthcheck'
>;

/** A value detection could not settle: asked on a terminal, else an error naming the flag. */
export interface Question {
  /** Which override the answer fills. */
  readonly key: 'start' | 'app' | 'port' | 'buildOutput';
  readonly message: string;
  /** The flag that settles it, with an example value. */
  readonly flag: string;
  readonly placeholder?: string;
}

/** What `--existing` found in a project, as one template saw it. */
export type Detection =
  | {
      readonly ok: true;
      readonly plan: ContainerPlan;
      /** What was found, one line each, for the dry run and README.Docker.md. */
      readonly found: readonly string[];
      /** The lockfile the Dockerfile needs when the project has none: it is generated. */
      readonly missingLockfile: string | undefined;
      /** The files the package manager needs to write that lockfile. */
      readonly lockInputs: readonly string[];
      /** The dependencies the lockfile must name. */
      readonly dependencies: readonly string[];
    }
  | {
      readonly ok: false;
      readonly found: readonly string[];
      /** Why it cannot be containerised well, and the flag that would settle it. */
      readonly problem: string;
      /** Set when a prompt (or the flag) can settle the one missing value. */
      readonly question?: Question;
    };
