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
