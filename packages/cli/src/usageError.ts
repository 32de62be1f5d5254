/**
 * A mistake in how the command was called, or in what it was pointed at (a store it cannot reach
 * or open, a key file it cannot read). `main` prints the message as one line and exits 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
