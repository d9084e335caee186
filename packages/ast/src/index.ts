export type * from './nodes.js';
export type * from './views/types.js';
export { parse, parseStrict, type ParseOptions } from './parse.js';
export { print, canonicalLine, formatFlag, formatJsonArray } from './print.js';
export { dump, dumpInstruction } from './dump.js';
export { DockerfileSyntaxError } from './errors.js';
export { instruction, flag, heredoc, comment, directive, dockerfile } from './factories.js';
export { findHeredocs, parseHeredocWord } from './heredoc-words.js';
export { goQuote } from './go-quote.js';
