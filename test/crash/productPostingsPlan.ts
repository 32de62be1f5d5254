/**
 * What the product postings crash test runs, shared by the writer (child process) and the test:
 * a few wallets, and each command's body as a pure function of its id. So any process (the
 * child after a restart, the test) knows what an id asks for, and a retry of an id always sends
 * the same body, as a client retrying after a timeout does.
 *
 * Stdout protocol of the writer, one line per message, written only after the fact it reports:
 * - `ready`: recovery is done and commands start;
 * - `send <commandId>`: the command is about to be handled (it may be recorded from now on);
 * - `ack <commandId> ok` / `ack <commandId> refused <code>`: the handler answered.
 */
import { minorToDecimal } from '../../packages/ledger/src/money/decimalString.js';
import type { WalletCommand } from '../../packages/products/test-kit/walletProduct.js';
import { seededRandom } from './crashPlan.js';

/** Wallets the writer works on: few, so that commands on one wallet race each other. */
export const walletIds = ['w0', 'w1', 'w2', 'w3', 'w4'] as const;

/** The product stream of a wallet. */
export const walletStream = (walletId: string): string => `wallet-${walletId}`;

/** The fixed id of the command that opens `walletId` (every writer sends it again on start). */
export const openCommandId = (walletId: string): string => `open-${walletId}`;

/** Id of the `index`-th new command of writer run `run`. */
export const newCommandId = (run: number, index: number): string => `c${run}-${index}`;

/** Refusals a sound run may give: the ledger's guard said no, or a command lost every race. */
export const expectedRefusals: ReadonlySet<string> = new Set(['insufficient_funds', 'command_retries_exhausted']);

// FNV-1a: a stable 32-bit seed from an id.
const seedOf = (id: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
};

const amount = (random: () => number, maxMinor: number): string => minorToDecimal(BigInt(100 + Math.floor(random() * maxMinor)), 2);

/**
 * The wallet and body of command `commandId`. Withdrawals reach past typical balances, so that the
 * ledger refuses some; `Pay` makes two or three events in one command.
 */
export const commandOf = (commandId: string): { readonly walletId: string; readonly command: WalletCommand } => {
  const opened = walletIds.find((walletId) => openCommandId(walletId) === commandId);
  if (opened !== undefined) return { walletId: opened, command: { type: 'Open', walletId: opened } };
  const random = seededRandom(seedOf(commandId));
  const walletId = walletIds[Math.floor(random() * walletIds.length)]!;
  const roll = random();
  if (roll < 0.4) return { walletId, command: { type: 'Deposit', amount: amount(random, 10_000) } };
  if (roll < 0.75) return { walletId, command: { type: 'Withdraw', amount: amount(random, 15_000) } };
  const parts = 2 + Math.floor(random() * 2);
  return { walletId, command: { type: 'Pay', amounts: Array.from({ length: parts }, () => amount(random, 5_000)) } };
};
