import { parseStepName, type StepSourceMap } from './step-sources.js';
import type { BuildEvent, BuildStep, StepStatus } from './types.js';

interface MutableStep {
  id: number;
  name: string;
  source: BuildStep['source'];
  platform: string | null;
  status: StepStatus;
  cached: boolean;
  durationMs: number | null;
  error: string | null;
  /** The last lines of output, for the error of a failed step. */
  tail: string[];
}

/** How many output lines of a step a failure keeps (BuildKit's plain printer keeps 10). */
const TAIL_LINES = 20;

/** `#N ` at the start of a line: the step number, and the rest. */
const LINE = /^#(\d+) (.*)$/s;
/** A log line: seconds since the step started (3, 2 or 1 decimals), then the text. */
const LOG = /^(\d+\.\d{1,3}) (.*)$/s;
/** How a step ends: its last line. */
const END = /^(?:DONE(?: (\d+(?:\.\d+)?)s)?|CACHED|CANCELED|ERROR: (.*))$/s;

/**
 * Reads the `--progress=plain` output of BuildKit (the docker CLI's built-in BuildKit client,
 * and buildx): BuildKit's `progressui` text printer, `util/progress/progressui/printer.go`.
 *
 * Every line it prints for a step starts with `#N ` (N numbers steps in the order they are
 * first shown): the step's name on the line after a blank one (and again whenever the
 * printer comes back to a step it left with `#N ...`), `#N <seconds> <text>` for a line of
 * output, `#N <status>` for transfers and exports, and one last line, `#N DONE 1.2s`,
 * `#N CACHED`, `#N ERROR: <message>` or `#N CANCELED`. Older printers (Docker 20.10) add a
 * `#N sha256:<digest>` line under the name, and do not end a step's unterminated last
 * output line before its end line (`#5 0.6 no newline#5 DONE 0.7s`); both are handled.
 * Lines that do not start with `#N ` belong to the error summary after the steps (`------`,
 * ` > [2/3] RUN …:`, the last output, the client's error), kept in {@link trailer}.
 */
export class PlainProgress {
  readonly #steps = new Map<number, MutableStep>();
  readonly #order: MutableStep[] = [];
  readonly #sources: StepSourceMap;
  readonly #emit: (event: BuildEvent) => void;
  #partial = '';
  #afterBlank = true;
  /** The step whose `ERROR:` line was the last line read. */
  #errored: MutableStep | null = null;
  /** Lines outside any step (the summary and the client's own messages). */
  readonly trailer: string[] = [];

  constructor(sources: StepSourceMap, emit: (event: BuildEvent) => void = () => {}) {
    this.#sources = sources;
    this.#emit = emit;
  }

  /** Feeds a chunk of the client's output. */
  push(chunk: string): void {
    // A long line comes in many chunks: append them without scanning what came before, so
    // the work stays linear in the line's length.
    if (!chunk.includes('\n')) {
      this.#partial += chunk;
      return;
    }
    const text = this.#partial + chunk;
    let start = 0;
    for (
      let nl = text.indexOf('\n', this.#partial.length);
      nl !== -1;
      nl = text.indexOf('\n', start)
    ) {
      this.#line(text.slice(start, text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      start = nl + 1;
    }
    this.#partial = text.slice(start);
  }

  /** Ends the output (a last line without a newline is read). */
  end(): void {
    if (this.#partial !== '') this.#line(this.#partial);
    this.#partial = '';
  }

  /** Every step, in the order they were first shown. */
  steps(): BuildStep[] {
    return this.#order.map(snapshot);
  }

  /** The first step that failed, with its last lines of output. */
  failed(): { step: BuildStep; output: readonly string[] } | null {
    const step = this.#order.find((s) => s.status === 'error');
    return step ? { step: snapshot(step), output: [...step.tail] } : null;
  }

  /** The `writing image sha256:…` the export step printed, if any. */
  get imageId(): string | null {
    return this.#imageId;
  }
  #imageId: string | null = null;

  #line(line: string): void {
    const errored = this.#errored;
    this.#errored = null;
    if (line === '') {
      this.#afterBlank = true;
      return;
    }
    const header = this.#afterBlank;
    this.#afterBlank = false;
    const m = LINE.exec(line);
    if (!m) {
      if (errored && line !== '------') {
        // A multi-line error message: the lines after `#N ERROR: …` continue it.
        errored.error = `${errored.error}\n${line}`;
        this.#errored = errored;
      } else this.trailer.push(line);
      return;
    }
    const id = Number(m[1]);
    const rest = m[2]!;
    if (id === 0) return; // `#0 building with "default" instance using docker driver`
    let step = this.#steps.get(id);
    if (!step || (header && rest !== '...')) {
      if (!step) {
        step = this.#start(id, rest);
        return;
      }
      // The printer came back to a step it had left: the name again.
      if (rest === step.name) return;
    }
    this.#body(step, rest);
  }

  #start(id: number, name: string): MutableStep {
    const parsed = parseStepName(name);
    const step: MutableStep = {
      id,
      name,
      source: parsed ? this.#sources(parsed) : null,
      platform: parsed?.platform ?? null,
      status: 'running',
      cached: false,
      durationMs: null,
      error: null,
      tail: [],
    };
    this.#steps.set(id, step);
    this.#order.push(step);
    this.#emit({ type: 'step-started', step: snapshot(step) });
    return step;
  }

  #body(step: MutableStep, rest: string): void {
    if (rest === '...') return; // the printer leaves the step for another one
    if (/^sha256:[0-9a-f]{64}$/.test(rest)) return; // Docker 20.10: the step's digest
    const end = END.exec(rest);
    if (end) {
      this.#finish(step, rest, end);
      return;
    }
    const log = LOG.exec(rest);
    if (log) {
      const text = log[2]!;
      // An unterminated last output line runs into the end line on older printers.
      const marker = `#${step.id} `;
      // Only after some output: a line that starts with it is output of the step itself.
      const at = text.indexOf(marker);
      if (at > 0) {
        const tailEnd = END.exec(text.slice(at + marker.length));
        if (tailEnd) {
          this.#log(step, text.slice(0, at), Number(log[1]));
          this.#finish(step, text.slice(at + marker.length), tailEnd);
          return;
        }
      }
      this.#log(step, text, Number(log[1]));
      return;
    }
    if (rest.startsWith('WARN: ')) return;
    const image = /^writing image (sha256:[0-9a-f]{64})(?: done)?$/.exec(rest);
    if (image) this.#imageId = image[1]!;
    this.#emit({ type: 'step-status', step: snapshot(step), text: rest });
  }

  #log(step: MutableStep, text: string, time: number): void {
    step.tail.push(text);
    if (step.tail.length > TAIL_LINES) step.tail.shift();
    this.#emit({ type: 'step-log', step: snapshot(step), text, time });
  }

  #finish(step: MutableStep, rest: string, end: RegExpExecArray): void {
    if (rest.startsWith('DONE')) {
      step.status = 'done';
      step.durationMs = end[1] === undefined ? null : Math.round(Number(end[1]) * 1000);
    } else if (rest === 'CACHED') {
      step.status = 'cached';
      step.cached = true;
      this.#emit({ type: 'step-cached', step: snapshot(step) });
    } else if (rest === 'CANCELED') {
      step.status = 'canceled';
    } else {
      step.status = 'error';
      step.error = end[2] ?? '';
      this.#errored = step;
    }
    this.#emit({ type: 'step-finished', step: snapshot(step) });
  }
}

function snapshot(step: MutableStep): BuildStep {
  return Object.freeze({
    id: step.id,
    name: step.name,
    source: step.source,
    platform: step.platform,
    status: step.status,
    cached: step.cached,
    durationMs: step.durationMs,
    error: step.error,
  });
}
