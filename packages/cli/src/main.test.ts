import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { capture } from '../test-kit/cliTestSupport.js';

/** A usage error: exit 2 and exactly one line on stderr, naming the command, without a stack trace. */
const expectUsageError = async (argv: readonly string[], pattern: RegExp) => {
  const run = capture();
  expect(await main(argv, run.io), argv.join(' ')).toBe(2);
  expect(run.err, argv.join(' ')).toHaveLength(1);
  expect(run.err[0], argv.join(' ')).toMatch(pattern);
  expect(run.err[0]).not.toMatch(/\n|\bat .*:\d+:\d+/);
  expect(run.out).toEqual([]);
};

describe('ecoledger: arguments', () => {
  it('--version prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = capture();
      expect(await main([flag], run.io)).toBe(0);
      expect(run.out).toEqual([version]);
    }
  });

  it('every command has --help, and `help <command>` prints the same text', async () => {
    for (const command of ['demo', 'verify']) {
      const flag = capture();
      expect(await main([command, '--help'], flag.io)).toBe(0);
      const text = flag.out.join('\n');
      expect(text).toContain(`Usage: ecoledger ${command} [options]`);
      expect(text).toContain('--store <url>');
      expect(text).toContain('Exit codes:');
      const viaHelp = capture();
      expect(await main(['help', command], viaHelp.io)).toBe(0);
      expect(viaHelp.out).toEqual(flag.out);
    }
    const verifyHelp = capture();
    await main(['verify', '-h'], verifyHelp.io);
    expect(verifyHelp.out.join('\n')).toMatch(/--key-file <keys\.json>[\s\S]*--head-file <heads\.json>/);
    for (const argv of [['--help'], ['help']]) {
      const run = capture();
      expect(await main(argv, run.io)).toBe(0);
      expect(run.out.join('\n')).toMatch(/Commands:[\s\S]*demo[\s\S]*verify[\s\S]*help/);
    }
  });

  it('accepts --store <url> and --store=<url>', async () => {
    for (const argv of [['demo', '--store', 'memory:'], ['demo', '--store=memory:']]) {
      const run = capture();
      expect(await main(argv, run.io)).toBe(0);
      expect(run.out.join('\n')).toContain('All invariants hold');
    }
  });

  it('a repeated option, a positional argument, a missing value, an unknown command or option: exit 2, one line', async () => {
    await expectUsageError(['demo', '--store', 'memory:', '--store', 'memory:'], /^ecoledger demo: --store given twice/);
    await expectUsageError(['demo', '--store=memory:', '--store=sqlite:x.db'], /^ecoledger demo: --store given twice/);
    await expectUsageError(['verify', '--store', 'sqlite:a.db', '--key-file', 'k.json', '--key-file', 'k2.json'], /^ecoledger verify: --key-file given twice/);
    await expectUsageError(['demo', 'extra'], /^ecoledger demo: too many arguments/);
    await expectUsageError(['verify', '--store', 'memory:', 'extra'], /^ecoledger verify: too many arguments/);
    await expectUsageError(['demo', '--store'], /^ecoledger demo: option '--store <url>' argument missing/);
    await expectUsageError(['verify', '--store', '--key-file', 'keys.json'], /^ecoledger verify: --store needs a value, got the option --key-file/);
    await expectUsageError(['verify'], /^ecoledger verify: required option '--store <url>' not specified/);
    await expectUsageError(['launch'], /^ecoledger: unknown command 'launch'/);
    await expectUsageError(['demo', '--bogus', 'x'], /^ecoledger demo: unknown option '--bogus'/);
    await expectUsageError(['demo', '--stor', 'x'], /^ecoledger demo: unknown option '--stor' \(Did you mean --store\?\)/);
    await expectUsageError(['help', 'launch'], /^ecoledger help: unknown command "launch"/);
    await expectUsageError([], /^ecoledger: no command given/);
  });

  it('rejects unknown and malformed store URLs with exit 2 and one line', async () => {
    for (const command of ['demo', 'verify']) {
      await expectUsageError([command, '--store', 'ftp://x'], new RegExp(`^ecoledger ${command}: --store unknown store scheme "ftp:"`));
      await expectUsageError([command, '--store', 'nonsense'], new RegExp(`^ecoledger ${command}: --store "nonsense" is not a store URL`));
      await expectUsageError([command, '--store', 'postgres://[bad'], new RegExp(`^ecoledger ${command}: --store postgres://\\[bad is not a valid URL`));
      await expectUsageError([command, '--store', 'postgres://u@127.0.0.1/db?schema=Bad-Name'], new RegExp(`^ecoledger ${command}: --store expected a name matching`));
    }
  });
});

describe('ecoledger on a SQLite file', () => {
  it('demo --verbose runs twice on the same file: the second run continues from the persisted state; verify passes', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ecoledger-cli-'));
    try {
      const url = `sqlite:${join(dir, 'demo.db')}`;
      const first = capture();
      expect(await main(['demo', '--store', url, '--verbose'], first.io)).toBe(0);
      expect(first.out.join('\n')).toMatch(/cash deposit 10,000\.00 to Alice: ok \(dep-001\)/);
      const closing = /Statement of alice[\s\S]*?Ledger balance (\S+ \S+)/.exec(first.out.join('\n'))?.[1];
      const second = capture();
      expect(await main(['demo', '--store', url, '--verbose'], second.io)).toBe(0);
      // Everything was already there: the same ids answer `exists`, balances are unchanged.
      expect(second.out.join('\n')).toMatch(/cash deposit 10,000\.00 to Alice: exists \(dep-001\)/);
      expect(closing).toBeDefined();
      expect(second.out.join('\n')).toContain(`Ledger balance ${closing}`);
      const checked = capture();
      expect(await main(['verify', '--store', url], checked.io)).toBe(0);
      expect(checked.out.join('\n')).toContain('verify OK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verify exits 1 and names the stream and revision when a stored row was edited behind the library', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { default: Database } = await import('better-sqlite3');
    const dir = mkdtempSync(join(tmpdir(), 'ecoledger-cli-'));
    try {
      const file = join(dir, 'demo.db');
      expect(await main(['demo', '--store', `sqlite:${file}`], capture().io)).toBe(0);
      const db = new Database(file);
      const changed = db
        .prepare(`UPDATE ecoledger_events SET data = replace(data, '"2500.00"', '"25.00"') WHERE stream = 'ledger-book-demo' AND revision = 3`)
        .run();
      db.close();
      expect(changed.changes).toBe(1);
      const checked = capture();
      expect(await main(['verify', '--store', `sqlite:${file}`], checked.io)).toBe(1);
      expect(checked.err.join('\n')).toMatch(/verify FAILED at ledger-book-demo revision 3: hash chain broken/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
