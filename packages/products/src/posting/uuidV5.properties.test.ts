import fc from 'fast-check';
import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { uuidV5In } from './uuidV5.js';

const NAMESPACE = 'f1995be5-ed14-58fc-99c1-2a8de8bd165c';
const ours = uuidV5In(NAMESPACE);

const outcome = (make: () => string): string => {
  try {
    return make();
  } catch (error) {
    return `threw ${(error as Error).name}`;
  }
};

describe('uuidV5In', () => {
  it('gives uuid’s v5 for any string, surrogates and all (a lone one throws in both)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', minLength: 300, maxLength: 800 })), (name) => {
        expect(outcome(() => ours(name))).toBe(outcome(() => v5(name, NAMESPACE)));
      }),
      { numRuns: 2000 },
    );
  });

  it('knows the answers of fixed names (python.org in the DNS namespace: the example of Python’s uuid documentation)', () => {
    expect(ours('')).toBe(v5('', NAMESPACE));
    expect(ours('hold\ndeposit-demand-DD0000001\n2\ncmd\nevt\naccrual')).toBe(v5('hold\ndeposit-demand-DD0000001\n2\ncmd\nevt\naccrual', NAMESPACE));
    expect(uuidV5In('6ba7b810-9dad-11d1-80b4-00c04fd430c8')('python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(() => ours('\uD800')).toThrow();
  });
});
