import { runBankDay } from '@ecoledger/examples';
import type { CliIo } from '../io.js';
import { openStore } from '../storeUrl.js';

/** `ecoledger demo [--store <url>]`: runs the bank-day scenario; exit 1 when an invariant fails. */
export const demo = async (options: { store: string }, io: CliIo): Promise<number> => {
  const store = await openStore(options.store);
  try {
    const report = await runBankDay({ store, print: io.out });
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
};
