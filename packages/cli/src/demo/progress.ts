/**
 * The demo's progress display, on ora: an animated spinner on a terminal, with one kept line per
 * finished step (a task list growing as it runs); plain lines everywhere else (pipes, CI logs,
 * tests), written through the CLI's `io` so that nothing bypasses it.
 */
import { Writable } from 'node:stream';
import ora from 'ora';
import type { CliIo } from '../io.js';

/** A step that is running. */
export interface ProgressStep {
  /** Ends the step and keeps its line: ✔ when it succeeded, ✖ when not. */
  readonly finish: (succeeded: boolean, text: string) => void;
}

/** Shows steps one after another (never two at once). */
export interface Progress {
  /** Shows `text` as the running step. */
  readonly start: (text: string) => ProgressStep;
}

/** A stream that hands each complete line written to it to `line`, without its newline. */
const lineStream = (line: (text: string) => void): Writable => {
  let pending = '';
  return new Writable({
    decodeStrings: false,
    write(chunk: unknown, _encoding, done) {
      const lines = (pending + String(chunk)).split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) line(text);
      done();
    },
  });
};

/**
 * Progress on `io`: animated on `io.terminal` when it has a width and ora finds it interactive (a
 * TTY, not `TERM=dumb`, not CI), else plain lines on `io.out`: `- <text>` when a step starts, `✔ <text>` or `✖ <text>`
 * when it ends.
 */
export const progressOn = (io: CliIo): Progress => {
  // A terminal of zero columns (a pseudo-terminal nobody sized) would make ora clear lines forever.
  const terminal = io.terminal !== undefined && (io.terminal.columns ?? 0) > 0 ? io.terminal : undefined;
  // stdin is left alone: the demo reads nothing, and Ctrl+C must keep working as usual.
  const animated = terminal === undefined ? undefined : ora({ stream: terminal, discardStdin: false });
  if (animated?.isEnabled === true) {
    return {
      start: (text) => {
        animated.start(text);
        return { finish: (succeeded, line) => void (succeeded ? animated.succeed(line) : animated.fail(line)) };
      },
    };
  }
  const plain = ora({ stream: lineStream(io.out), isEnabled: false, discardStdin: false });
  return {
    start: (text) => {
      plain.start(text);
      // Symbols given as plain text: ora's own are coloured even when the output is not a terminal.
      return { finish: (succeeded, line) => void plain.stopAndPersist({ symbol: succeeded ? '✔' : '✖', text: line }) };
    },
  };
};
