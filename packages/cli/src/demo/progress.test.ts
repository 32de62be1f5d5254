import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from '../../test-kit/cliTestSupport.js';
import { progressOn } from './progress.js';

/** A stand-in for a TTY write stream of `columns` columns that keeps what is written to it. */
const fakeTerminal = (columns: number) => {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: unknown, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns, cursorTo: () => true, moveCursor: () => true, clearLine: () => true });
  return { stream, written };
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('progressOn', () => {
  it('without a terminal: plain lines on io.out, in order, with uncoloured symbols', () => {
    const run = capture();
    const progress = progressOn(run.io);
    progress.start('one').finish(true, 'one: ok');
    progress.start('two').finish(false, 'two: FAILED');
    expect(run.out).toEqual(['- one', '✔ one: ok', '- two', '✖ two: FAILED']);
    expect(run.err).toEqual([]);
  });

  it('a terminal of zero columns is treated as no terminal', () => {
    const run = capture();
    const terminal = fakeTerminal(0);
    progressOn({ ...run.io, terminal: terminal.stream }).start('one').finish(true, 'one: ok');
    expect(run.out).toEqual(['- one', '✔ one: ok']);
    expect(terminal.written).toEqual([]);
  });

  it('on an interactive terminal: the spinner and the kept line go to the terminal, nothing to io.out', () => {
    vi.stubEnv('CI', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
    const run = capture();
    const terminal = fakeTerminal(80);
    progressOn({ ...run.io, terminal: terminal.stream }).start('one').finish(true, 'one: ok');
    expect(run.out).toEqual([]);
    const shown = terminal.written.join('');
    expect(shown).toContain('one');
    expect(shown).toMatch(/✔.* one: ok\n$/);
  });
});
