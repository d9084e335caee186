/**
 * The name reports give standard input: `<stdin>` in text and JSON (a path can hardly be
 * spelled that way), and the relative URI `stdin` in SARIF, whose `artifactLocation.uri` must
 * be a URI reference (`<` and `>` are not allowed in one).
 *
 * @example
 * ```ts
 * formatJson([{ file: STDIN_NAME, text, findings }]) // [{ "file": "<stdin>", … }]
 * ```
 */
export const STDIN_NAME = '<stdin>';

/** The SARIF `artifactLocation.uri` for `STDIN_NAME`. */
export const STDIN_URI = 'stdin';
