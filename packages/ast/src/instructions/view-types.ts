/**
 * Typed views of instructions: what each instruction means, derived from the parse-level
 * fields of an {@link InstructionNode} with BuildKit's instruction-layer rules
 * (`frontend/dockerfile/instructions/parse.go`). Views never throw; problems are reported
 * as diagnostics by `parse` (and by `validateInstruction`).
 */
import type { Heredoc, InstructionNode } from '../tree/nodes.js';

export type Form = 'exec' | 'shell';

/** FROM [--platform=p] image[:tag][@digest] [AS name] */
export interface FromView {
  readonly keyword: 'FROM';
  /** The image reference as written (`python:3.12-slim`, `${BASE}`, `build`). */
  readonly image: string;
  /** Repository part (`python`, `ghcr.io/org/app`), tag and digest removed. */
  readonly repository: string;
  readonly tag: string | null;
  /** `sha256:…` without the `@`. */
  readonly digest: string | null;
  readonly platform: string | null;
  /** Stage name lower-cased as BuildKit does, or null. */
  readonly stage: string | null;
  /** Stage name as written. */
  readonly stageAsWritten: string | null;
  /** The `AS` keyword as written (for casing checks), or null. */
  readonly asKeyword: string | null;
}

export interface BindMount {
  readonly type: 'bind';
  readonly target: string;
  /** Path in the source, `null` means the root of the context or stage. */
  readonly source: string | null;
  readonly from: string | null;
  /** Read-write: bind mounts are read-only by default. */
  readonly readwrite: boolean;
}
export interface CacheMount {
  readonly type: 'cache';
  readonly target: string;
  /** Defaults to the target. */
  readonly id: string;
  readonly sharing: 'shared' | 'private' | 'locked';
  readonly from: string | null;
  readonly source: string | null;
  /** Octal file mode as a number, default 0o755. */
  readonly mode: number;
  readonly uid: number | null;
  readonly gid: number | null;
  readonly readonly: boolean;
}
export interface TmpfsMount {
  readonly type: 'tmpfs';
  readonly target: string;
  /** Size in bytes, or null for the default. */
  readonly size: number | null;
}
export interface SecretMount {
  readonly type: 'secret';
  /** Defaults to the base name of the target. */
  readonly id: string;
  /** Defaults to `/run/secrets/<id>` unless `env` is set. */
  readonly target: string | null;
  readonly env: string | null;
  readonly required: boolean;
  /** Default 0o400. */
  readonly mode: number;
  readonly uid: number | null;
  readonly gid: number | null;
}
export interface SshMount {
  readonly type: 'ssh';
  /** Default `default`. */
  readonly id: string;
  readonly target: string | null;
  readonly required: boolean;
  /** Default 0o600. */
  readonly mode: number;
  readonly uid: number | null;
  readonly gid: number | null;
}
export type Mount = BindMount | CacheMount | TmpfsMount | SecretMount | SshMount;
export type MountType = Mount['type'];

export type NetworkMode = 'default' | 'none' | 'host';
export type SecurityMode = 'sandbox' | 'insecure';

/** `--device=name[,required]` (labs). */
export interface Device {
  readonly name: string;
  readonly required: boolean;
}

/** RUN [--mount=…] [--network=…] [--security=…] [--device=…] command */
export interface RunView {
  readonly keyword: 'RUN';
  readonly form: Form;
  /** Exec form: the array; shell form: the command text. */
  readonly command: readonly string[] | string;
  /** The `--mount` flags that parse; see `parseMount` for the errors of the others. */
  readonly mounts: readonly Mount[];
  /** `--network` as written (`default`, `none`, `host`; anything else is invalid), or null. */
  readonly network: NetworkMode | (string & {}) | null;
  /** `--security` as written (`sandbox`, `insecure`; anything else is invalid), or null. */
  readonly security: SecurityMode | (string & {}) | null;
  readonly devices: readonly Device[];
  readonly heredocs: readonly Heredoc[];
}

/** CMD, ENTRYPOINT, SHELL */
export interface CommandView {
  readonly keyword: 'CMD' | 'ENTRYPOINT' | 'SHELL';
  readonly form: Form;
  readonly command: readonly string[] | string;
}

export interface CopySource {
  /** The path or URL as written, or the heredoc name. */
  readonly path: string;
  /**
   * Set when the source is a heredoc (`COPY <<EOF /dst`) whose body the node holds (matched by
   * name, as BuildKit's `parseSourcesAndDest` does).
   */
  readonly heredoc: Heredoc | null;
  /** The word is a heredoc marker (`<<EOF`), even when no body of that name is attached. */
  readonly isHeredoc: boolean;
}

/** COPY and ADD with every flag. */
export interface CopyView {
  readonly keyword: 'COPY' | 'ADD';
  readonly form: Form;
  readonly sources: readonly CopySource[];
  /** The destination, or null when there are fewer than two arguments. */
  readonly destination: string | null;
  readonly from: string | null;
  readonly chown: string | null;
  readonly chmod: string | null;
  readonly link: boolean;
  readonly parents: boolean;
  readonly exclude: readonly string[];
  /** ADD only. */
  readonly checksum: string | null;
  /** ADD only. */
  readonly keepGitDir: boolean;
  /** ADD only: null when `--unpack` was not given (BuildKit then decides by source kind). */
  readonly unpack: boolean | null;
}

export interface KeyValue {
  readonly key: string;
  /** After BuildKit's quote removal. */
  readonly value: string;
  /** The value as written, quotes kept. */
  readonly rawValue: string;
}

/** ENV and LABEL. */
export interface KeyValueView {
  readonly keyword: 'ENV' | 'LABEL';
  readonly pairs: readonly KeyValue[];
  /** The legacy `ENV key value` form (BuildKit check LegacyKeyValueFormat). */
  readonly legacy: boolean;
}

export interface ArgDeclaration {
  readonly name: string;
  /** The default after quote removal, or null when none was given. */
  readonly value: string | null;
  /** The whole word as written (`NAME="x y"`). */
  readonly raw: string;
}
export interface ArgView {
  readonly keyword: 'ARG';
  readonly args: readonly ArgDeclaration[];
}

export interface PortSpec {
  /** The word as written (`8080/tcp`, `${PORT}`). */
  readonly raw: string;
  /** Null when the word is not a literal port (a variable, or invalid). */
  readonly start: number | null;
  readonly end: number | null;
  /** The IP and host port of the deprecated `ip:host:container` forms (lint ExposeInvalidFormat). */
  readonly hostIp: string | null;
  readonly hostPort: string | null;
  /** Lower-cased protocol; `tcp` when none was written. */
  readonly protocol: string;
  /** The protocol as written, or null. */
  readonly protocolAsWritten: string | null;
}
export interface ExposeView {
  readonly keyword: 'EXPOSE';
  readonly ports: readonly PortSpec[];
}

/** Durations in milliseconds; null when not given (BuildKit then uses its default). */
export interface HealthcheckView {
  readonly keyword: 'HEALTHCHECK';
  /**
   * `none` for HEALTHCHECK NONE, `cmd` for HEALTHCHECK CMD, `missing` for a bare HEALTHCHECK,
   * `unknown` for another type word (BuildKit: `Unknown type "X" in HEALTHCHECK (try CMD)`).
   */
  readonly kind: 'none' | 'cmd' | 'missing' | 'unknown';
  readonly form: Form | null;
  readonly command: readonly string[] | string | null;
  readonly interval: number | null;
  readonly timeout: number | null;
  readonly startPeriod: number | null;
  readonly startInterval: number | null;
  readonly retries: number | null;
}

/** USER, WORKDIR, STOPSIGNAL, MAINTAINER: the rest of the line. */
export interface StringView {
  readonly keyword: 'USER' | 'WORKDIR' | 'STOPSIGNAL' | 'MAINTAINER';
  readonly value: string;
}

export interface VolumeView {
  readonly keyword: 'VOLUME';
  readonly form: Form;
  readonly paths: readonly string[];
}

export interface OnbuildView {
  readonly keyword: 'ONBUILD';
  readonly trigger: InstructionNode | null;
}

/** An unknown keyword: no meaning to show. */
export interface UnknownView {
  readonly keyword: string;
  readonly unknown: true;
}

export type InstructionView =
  | FromView
  | RunView
  | CommandView
  | CopyView
  | KeyValueView
  | ArgView
  | ExposeView
  | HealthcheckView
  | StringView
  | VolumeView
  | OnbuildView
  | UnknownView;
