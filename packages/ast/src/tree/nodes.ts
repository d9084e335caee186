/**
 * The Dockerfile syntax tree.
 *
 * Nodes are plain, frozen data discriminated by `type` (see unist): a spread, `structuredClone`
 * and `JSON.stringify` see all of a node, and a tree survives `JSON.parse(JSON.stringify(tree))`.
 * An edit is a spread. Semantic fields mirror what BuildKit's parser keeps (`parser.Node`);
 * every formatting byte they do not hold lives in `raws`, PostCSS style. A raw is printed only
 * while the values it was recorded for are unchanged, so an edited node never prints stale
 * text, and a generated node (no `raws`) prints canonically.
 */

/**
 * Where a node or diagnostic stands in its source: 1-based lines and columns (columns in UTF-16
 * code units) and 0-based offsets, of the first character and of the end (exclusive). One flat
 * object: a parsed file has a position per node, and the nested unist shape (a position holding
 * two points) cost three objects per node, about a third of a full parse on the bench corpus.
 * Generated nodes have none.
 */
export interface Position {
  /** 1-based line of the first character. */
  readonly line: number;
  /** 1-based column of the first character, in UTF-16 code units. */
  readonly column: number;
  /** 0-based offset of the first character in the text. */
  readonly offset: number;
  /** 1-based line where the range ends. */
  readonly endLine: number;
  /** 1-based column just past the last character (exclusive). */
  readonly endColumn: number;
  /** 0-based offset just past the last character (exclusive). */
  readonly endOffset: number;
}

/** The two escape characters BuildKit allows (`# escape=` directive). */
export type EscapeChar = '\\' | '`';

/** One `--name[=value]` flag, after BuildKit's quote and escape processing. */
export interface Flag {
  /** The name without the leading dashes: `from` for `--from=build`. */
  readonly name: string;
  /** The value; `null` for a bare `--link`, `''` for `--link=`. */
  readonly value: string | null;
}

/** A heredoc attached to RUN, COPY or ADD (or to the ONBUILD trigger wrapping one). */
export interface Heredoc {
  /** The terminator word with quotes removed: `EOF` for `<<'EOF'`. */
  readonly name: string;
  /**
   * The body exactly as written, every line with its own line terminator (so CRLF stays),
   * leading tabs kept even for `<<-` (see {@link heredocContent} for the chomped text).
   */
  readonly content: string;
  /** `<<-`: leading tabs are stripped from the body and before the terminator comparison. */
  readonly chomp: boolean;
  /** Any part of the name was quoted, so variables in the body are not expanded. */
  readonly quoted: boolean;
  /** The file descriptor prefix (`3<<EOF`), or `null` when none was written. */
  readonly fd: number | null;
}

/**
 * One instruction. `keyword` is upper-cased; unknown keywords are kept (and reported as
 * `unknown instruction` diagnostics) so a tree always holds the whole file.
 *
 * `args` is BuildKit's `Node.Next` list, instruction by instruction:
 * - RUN, CMD, ENTRYPOINT, SHELL: exec form (`json: true`) gives the array elements; shell form
 *   gives one string, the logical line after the flags (continuations joined as BuildKit
 *   joins them).
 * - COPY, ADD, VOLUME: the JSON elements, or the whitespace-separated words.
 * - FROM, EXPOSE: whitespace-separated words (`['node:22', 'AS', 'build']`).
 * - ENV, LABEL: triplets `key, value, sep` with quotes kept as written (`sep` is `'='`, or `''`
 *   for the legacy `ENV key value` form); use {@link envPairs} for unquoted values.
 * - ARG: the words (`NAME` or `NAME=value`), quotes kept.
 * - USER, WORKDIR, STOPSIGNAL, MAINTAINER: one string, the rest of the line.
 * - HEALTHCHECK: `['NONE']`, or `['CMD', ...command]` with `json` telling the form.
 * - ONBUILD: empty; the nested instruction is `trigger`.
 * - Unknown keywords: empty.
 */
export interface InstructionNode extends InstructionSnapshot {
  readonly type: 'instruction';
  readonly position?: Position;
  readonly raws?: InstructionRaws;
}

/** What an instruction means at parse level; its raw text is recorded for these values. */
export interface InstructionSnapshot {
  readonly keyword: string;
  readonly flags: readonly Flag[];
  readonly args: readonly string[];
  /** Exec (JSON array) form. */
  readonly json: boolean;
  readonly heredocs: readonly Heredoc[];
  /** ONBUILD's nested instruction. */
  readonly trigger: InstructionNode | null;
}

export interface InstructionRaws {
  /** Blank lines (whitespace included) between the previous node and this one. */
  readonly before: string;
  /** Whitespace before the keyword on its first line. */
  readonly indent: string;
  /**
   * The keyword as written, printed while the node's keyword is unchanged (a casing fix
   * edits this raw). `''` when the keyword is split by a line continuation: then `rest`
   * holds the whole text.
   */
  readonly keyword: string;
  /**
   * Everything after the keyword through the end of the instruction: flags, arguments,
   * continuation lines with the comments and empty lines inside them, the line terminator,
   * and heredoc bodies with their terminators.
   */
  readonly rest: string;
  /** What `rest` stands for; `rest` is printed only while the node still holds these values. */
  readonly value: InstructionSnapshot;
}

/** A comment line (`# text`) that is not a parser directive. */
export interface CommentNode {
  readonly type: 'comment';
  /** The text after `#`, trimmed (BuildKit's `PrevComment` entry). */
  readonly text: string;
  readonly position?: Position;
  readonly raws?: LineRaws;
}

/** A parser directive at the top of the file: `# syntax=…`, `# escape=…`, `# check=…`. */
export interface DirectiveNode {
  readonly type: 'directive';
  /** Lower-cased name: `syntax`, `escape` or `check`. */
  readonly name: string;
  readonly value: string;
  readonly position?: Position;
  readonly raws?: LineRaws;
}

export interface LineRaws {
  /** Blank lines between the previous node and this one. */
  readonly before: string;
  /** The whole line as written, with its line terminator. */
  readonly source: string;
  /** The semantic value `source` stands for (`text`, or `name=value` for a directive). */
  readonly value: string;
}

export type ChildNode = DirectiveNode | CommentNode | InstructionNode;

/** How bad a diagnostic is: an `error` BuildKit refuses to build, a `warning` it builds with. */
export type DiagnosticSeverity = 'error' | 'warning';

/** A problem found while parsing, worded as BuildKit words it where BuildKit has one. */
export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** A stable identifier, e.g. `UnknownInstruction`, `NoEmptyContinuation`, `UnterminatedHeredoc`. */
  readonly code: string;
  readonly message: string;
  readonly position: Position;
}

export interface DockerfileNode {
  readonly type: 'dockerfile';
  readonly children: readonly ChildNode[];
  /** The escape character in force (`# escape=` directive), `\` by default. */
  readonly escape: EscapeChar;
  /**
   * What `parse` found in the text, each located in the child (or trailing lines) that holds it.
   * A tree derived with `withChildren` or `transform` keeps only those of the children it
   * keeps; a generated tree has none.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** The file name given to `parse`, used in error messages. */
  readonly file?: string;
  readonly position?: Position;
  readonly raws?: DockerfileRaws;
}

export interface DockerfileRaws {
  /** A UTF-8 byte-order mark at the start, or `''`. */
  readonly bom: string;
  /** Blank lines after the last node. */
  readonly after: string;
  /** The line terminator new nodes use: the file's first one, `\n` by default. */
  readonly eol: '\n' | '\r\n';
}

export type Node = DockerfileNode | ChildNode;
