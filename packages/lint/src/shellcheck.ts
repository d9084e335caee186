export {
  findShellcheck,
  type RunShellcheckOptions,
  runShellcheck,
  type ShellcheckRun,
} from './shellcheck/run-shellcheck.js';
