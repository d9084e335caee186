import type { Colors } from '@dockwright/lint';

/** What a command reads from and writes to: the process in the CLI, fakes in tests. */
export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Standard output. Text goes out byte for byte (see `encodeText`). */
  readonly out: (s: string) => void;
  /** Standard error, for messages to a person: escape what comes from files. */
  readonly err: (s: string) => void;
  /** Whether the reader of standard output has gone (a closed pipe): stop producing. */
  readonly outClosed: () => boolean;
  readonly colors: Colors;
  readonly version: string;
}
