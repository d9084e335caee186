import { afterEach, describe, expect, it, vi } from 'vitest';
import { plainReporter } from '../src/reporter.js';

/** What the reporter writes, standard output and error in order. */
function captured(): string[] {
  const lines: string[] = [];
  const keep = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  return lines;
}

describe('plainReporter', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('says a long step is still running, and stops saying so once it ends', () => {
    vi.useFakeTimers();
    const lines = captured();
    const done = plainReporter({ every: 15_000 }).task('Creating package-lock.json with npm');
    vi.advanceTimersByTime(31_000);
    done(true, 'Created package-lock.json (npm install --package-lock-only)');
    vi.advanceTimersByTime(60_000);
    expect(lines).toEqual([
      '◇ Creating package-lock.json with npm…\n',
      '│ still working: Creating package-lock.json with npm (15 s)\n',
      '│ still working: Creating package-lock.json with npm (30 s)\n',
      '✔ Created package-lock.json (npm install --package-lock-only)\n',
    ]);
  });

  it('prints nothing more for a step that ends quickly', () => {
    vi.useFakeTimers();
    const lines = captured();
    const done = plainReporter().task('Creating uv.lock with uv');
    vi.advanceTimersByTime(2_000);
    done(false, 'Could not create uv.lock');
    vi.advanceTimersByTime(60_000);
    expect(lines).toEqual(['◇ Creating uv.lock with uv…\n', '▲ Could not create uv.lock\n']);
  });
});
