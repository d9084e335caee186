/** A failure inside the lexer; `processWord` turns it into an `ExpansionError` for the whole word. */
export class LexFailure extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}
