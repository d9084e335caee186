export { CliError } from './cli-error.js';
export { EXIT, type ExitCode, exitCodeForSignal } from './exit-codes.js';
export { ignoreBrokenPipe } from './ignore-broken-pipe.js';
