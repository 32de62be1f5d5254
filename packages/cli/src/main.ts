import { demo } from './commands/demo.js';
import { verify } from './commands/verify.js';
import { processIo, type CliIo } from './io.js';
import { StoreUrlError } from './storeUrl.js';

const USAGE = `Usage: ecoledger <command> [options]

Commands:
  demo   [--store <url>]   run the bank-day scenario (default store: memory:)
  verify  --store <url> [--key-file <keys.json>] [--head-file <heads.json>]
                           check every ledger book in a store, opened read-only: hash
                           chains (keyed seals with --key-file), schemas, replay
                           invariants, snapshot bindings, signed heads (--head-file),
                           closed periods and the closed-posting index (SQL stores)
  help                     show this text

Store URLs: memory:  sqlite:./ledger.db  postgres://user@host:5432/db?schema=name  esdb://host:2113?tls=false

Exit codes: 0 success, 1 an invariant or check failed, 2 bad usage or configuration
(also: no such store), 3 verify could not read the whole log (rerun).`;

/** Parses `--name value` pairs; anything else is an error. */
const parseOptions = (args: readonly string[], known: readonly string[]): Record<string, string> | string => {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]!;
    const value = args[i + 1];
    const name = flag.startsWith('--') ? flag.slice(2) : '';
    if (!known.includes(name)) return `unknown option "${flag}"`;
    if (value === undefined || value.startsWith('--')) return `option "${flag}" needs a value`;
    options[name] = value;
  }
  return options;
};

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export const main = async (argv: readonly string[], io: CliIo = processIo): Promise<number> => {
  const [command, ...rest] = argv;
  const usageError = (message: string) => {
    io.err(`ecoledger${command === undefined ? '' : ` ${command}`}: ${message}\n\n${USAGE}`);
    return 2;
  };
  try {
    switch (command) {
      case 'demo': {
        const options = parseOptions(rest, ['store']);
        if (typeof options === 'string') return usageError(options);
        return await demo({ store: options['store'] ?? 'memory:' }, io);
      }
      case 'verify': {
        const options = parseOptions(rest, ['store', 'key-file', 'head-file']);
        if (typeof options === 'string') return usageError(options);
        const store = options['store'];
        if (store === undefined) return usageError('--store is required');
        const keyFile = options['key-file'];
        const headFile = options['head-file'];
        return await verify({ store, ...(keyFile === undefined ? {} : { keyFile }), ...(headFile === undefined ? {} : { headFile }) }, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`ecoledger: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof StoreUrlError) {
      io.err(`ecoledger: ${error.message}`);
      return 2;
    }
    throw error;
  }
};
