/** Where the CLI writes: injected so that tests can capture it. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /**
   * The terminal `out` writes to, when it is one: progress is animated there. Without it progress
   * is written to `out` as plain lines (a pipe, a CI log, a test).
   */
  readonly terminal?: NodeJS.WriteStream | undefined;
}

/** The process's stdout and stderr. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // Read when used, not when this module loads: tests may replace process.stdout.
  get terminal() {
    return process.stdout.isTTY ? process.stdout : undefined;
  },
};
