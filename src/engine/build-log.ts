/** Where the engine says things: the action writes to the runner log, the CLI to stderr. */
export interface BuildLog {
  info(message: string): void
  warning(message: string): void
  /** One module's end: a title line and its captured output, printed together so logs never interleave. */
  group(title: string, body: string, failed: boolean): void
}
