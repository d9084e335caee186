import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { BIN, cliEnv } from './run-cli.js';

/**
 * Why `script` cannot be used, or undefined when it can. The interactive tests need util-linux
 * `script` (`-q -e -f -c`); BSD/macOS `script` takes other flags, so it counts as missing.
 */
export function ptyUnavailableReason(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' });
  if (which.status !== 0) {
    return 'util-linux `script` is not installed (Debian: apt-get install util-linux); the TTY tests need it for a pseudo-terminal';
  }
  const version = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0 || !/util-linux/.test(`${version.stdout}${version.stderr}`)) {
    return '`script` is not util-linux `script` (no -qefc); the TTY tests need it for a pseudo-terminal';
  }
  return undefined;
}

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  down: '\x1b[B',
  up: '\x1b[A',
  ctrlC: '\x03',
} as const;

// CSI (colours, cursor moves, erase), OSC (title, hyperlinks), and two-byte escapes.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Output as text: escapes removed, carriage returns dropped. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '').replace(/\r/g, '');
}

/** Shell-quotes one word for the `-c` command `script` hands to `sh`. */
function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface PtyExit {
  /** The CLI's exit code (`script -e` passes it through; 128+n for a signal). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * The built CLI running on a pseudo-terminal made by util-linux `script`, so stdin and stdout
 * are TTYs and the CLI prompts. Keystrokes go to `script`'s stdin; the terminal's output
 * (stdout and stderr together, as a user sees them) arrives on `script`'s stdout.
 */
export class PtyCli {
  readonly #child: ChildProcess;
  #raw = '';
  /** Where the next {@link waitFor} starts looking, so an earlier match is not found again. */
  #cursor = 0;
  readonly #exited: Promise<PtyExit>;
  #exit: PtyExit | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(args: readonly string[], options: { cwd: string }) {
    // A pty made from a non-terminal stdin has a 0x0 window; give it a size so clack does not
    // wrap every line, then exec so the CLI's exit code is the shell's.
    const command = `stty cols 160 rows 50 && exec ${[process.execPath, BIN, ...args].map(shQuote).join(' ')}`;
    const env = cliEnv({ TERM: 'xterm-256color', CI: undefined, FORCE_COLOR: undefined });
    this.#child = spawn('script', ['-qefc', command, '/dev/null'], {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const onData = (chunk: Buffer) => {
      this.#raw += chunk.toString('utf8');
      for (const listener of this.#listeners) listener();
    };
    this.#child.stdout?.on('data', onData);
    this.#child.stderr?.on('data', onData);
    this.#exited = new Promise((resolve, reject) => {
      this.#child.once('error', reject);
      this.#child.once('close', (code, signal) => {
        this.#exit = { code, signal };
        for (const listener of this.#listeners) listener();
        resolve(this.#exit);
      });
    });
  }

  /** Everything the terminal showed so far, escapes stripped. */
  get text(): string {
    return stripAnsi(this.#raw);
  }

  /**
   * Resolves once `pattern` appears in the output after the previous match; rejects when the
   * process exits first or `timeoutMs` passes, with the output so far in the message.
   */
  waitFor(pattern: string | RegExp, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const text = this.text;
        const rest = text.slice(this.#cursor);
        let end: number | undefined;
        if (typeof pattern === 'string') {
          const at = rest.indexOf(pattern);
          if (at >= 0) end = at + pattern.length;
        } else {
          const match = pattern.exec(rest);
          if (match) end = match.index + match[0].length;
        }
        if (end !== undefined) {
          this.#cursor += end;
          done();
          resolve();
          return;
        }
        if (this.#exit) {
          done();
          reject(
            new Error(
              `exited (${JSON.stringify(this.#exit)}) before ${String(pattern)} appeared; output:\n${text}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `${String(pattern)} did not appear within ${timeoutMs} ms; output:\n${this.text}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** Sends keystrokes to the terminal. */
  write(keys: string): void {
    this.#child.stdin?.write(keys);
  }

  /**
   * Resolves with the exit status; kills the process tree's leader and rejects after
   * `timeoutMs` (a CLI still waiting for input is a failure, not a hang).
   */
  async exit(timeoutMs = 10_000): Promise<PtyExit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new Error(`did not exit within ${timeoutMs} ms; output:\n${this.text}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.#exited, timeout]);
    } finally {
      clearTimeout(timer);
      this.#child.stdin?.end();
    }
  }

  /** Stops `script` (which hangs up the pty, ending the CLI); for clean-up after a failure. */
  kill(): void {
    if (this.#exit === undefined) this.#child.kill('SIGKILL');
  }
}
