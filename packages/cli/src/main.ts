import { demo } from './commands/demo.js';
import { processIo, type CliIo } from './io.js';
import { StoreUrlError } from './storeUrl.js';

const USAGE = `Usage: ecoledger <command> [options]

Commands:
  demo [--store <url>]   run the bank-day scenario (default store: memory:)
  help                   show this text

Exit codes: 0 success, 1 an invariant failed, 2 bad usage or configuration.`;

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
  try {
    switch (command) {
      case 'demo': {
        const options = parseOptions(rest, ['store']);
        if (typeof options === 'string') {
          io.err(`ecoledger demo: ${options}\n\n${USAGE}`);
          return 2;
        }
        return await demo({ store: options['store'] ?? 'memory:' }, io);
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
