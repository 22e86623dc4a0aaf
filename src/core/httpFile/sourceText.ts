/** A piece of one line of a `.http` file with its 0-based position, for mapping problems back. */
export interface SourceText {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}
