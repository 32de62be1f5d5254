import { describe, expect, it } from 'vitest';
import { main } from './main.js';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
};

describe('ecoledger cli', () => {
  it('demo runs on the in-memory store and exits 0', async () => {
    const { io, out } = capture();
    expect(await main(['demo', '--store', 'memory:'], io)).toBe(0);
    expect(out.join('\n')).toContain('All invariants hold');
  });

  it('rejects unknown commands, options and store schemes with exit 2 and a clear message', async () => {
    for (const argv of [['launch'], ['demo', '--bogus', 'x'], ['demo', '--store'], ['demo', '--store', 'ftp://x'], ['demo', '--store', 'nonsense']]) {
      const { io, err } = capture();
      expect(await main(argv, io)).toBe(2);
      expect(err.join('\n')).toMatch(/ecoledger/);
    }
  });
});

describe('ecoledger on a SQLite file', () => {
  it('demo runs twice on the same file: the second run continues from the persisted state; verify passes', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ecoledger-cli-'));
    try {
      const url = `sqlite:${join(dir, 'demo.db')}`;
      const first = capture();
      expect(await main(['demo', '--store', url], first.io)).toBe(0);
      expect(first.out.join('\n')).toContain('dep-001=ok');
      const second = capture();
      expect(await main(['demo', '--store', url], second.io)).toBe(0);
      // Everything was already there: the same ids answer `exists`, balances are unchanged.
      expect(second.out.join('\n')).toContain('dep-001=exists');
      expect(second.out.join('\n')).toContain('closing balance 11520.00');
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
