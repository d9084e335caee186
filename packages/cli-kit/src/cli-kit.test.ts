import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError, EXIT, exitCodeForSignal, ignoreBrokenPipe } from './index.js';

describe('CliError', () => {
  it('exits 2 (nothing was done) unless told otherwise, and keeps its cause', () => {
    const cause = new Error('EACCES');
    const error = new CliError('cannot read Dockerfile', EXIT.error, { cause });
    expect(new CliError('bad flag').exitCode).toBe(2);
    expect(new CliError('no lockfile', EXIT.problems).exitCode).toBe(1);
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('CliError');
    expect(error).toBeInstanceOf(Error);
    expect('cause' in new CliError('plain')).toBe(false);
  });

  it('signals map to the shell codes', () => {
    expect(exitCodeForSignal('SIGINT')).toBe(130);
    expect(exitCodeForSignal('SIGTERM')).toBe(143);
  });
});

describe('ignoreBrokenPipe', () => {
  const failing = (code: string) => Object.assign(new Error(code), { code });

  it('swallows EPIPE and writes after the stream is destroyed', () => {
    const stream = new PassThrough();
    ignoreBrokenPipe(stream);
    expect(() => stream.emit('error', failing('EPIPE'))).not.toThrow();
    expect(() => stream.emit('error', failing('ERR_STREAM_DESTROYED'))).not.toThrow();
  });

  it('rethrows any other stream error', () => {
    const stream = new PassThrough();
    ignoreBrokenPipe(stream);
    expect(() => stream.emit('error', failing('ENOSPC'))).toThrow('ENOSPC');
  });
});
