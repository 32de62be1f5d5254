import { Command, CommanderError, Option } from 'commander';
import { demo } from './commands/demo.js';
import { depositQuote, type DepositQuoteOptions } from './commands/depositQuote.js';
import { scenarioList, scenarioRun } from './commands/scenario.js';
import { schedule, type ScheduleOptions } from './commands/schedule.js';
import { verify } from './commands/verify.js';
import { processIo, type CliIo } from './io.js';
import { UsageError } from './usageError.js';
import { userErrorOf } from './userErrors.js';
import { cliVersion } from './version.js';

const STORE_FORMS = `Store URLs:
  memory:                                      in memory; nothing survives the process
  sqlite:./ledger.db                           a SQLite file (created by demo, never by verify)
  postgres://user@host:5432/db?schema=name     PostgreSQL (schema defaults to public)
  esdb://host:2113?tls=false                   EventStoreDB
Options take their value as --store <url> or --store=<url>, each at most once.`;

const EXIT_CODES = `Exit codes:
  0  success
  1  an invariant or check failed
  2  bad usage or configuration: unknown option, unreachable server, unknown role or
     database, missing or unwritable directory, a file that is not a database, ...
  3  verify could not read the whole log (rerun)`;

/**
 * An option parser that refuses a second occurrence and a missing value: commander would keep the
 * last of two `--store`s, and take a following `--key-file` as the store's value.
 */
const once =
  (flag: string) =>
  (value: string, previous: string | undefined): string => {
    if (previous !== undefined) throw new UsageError(`${flag} given twice ("${previous}" and "${value}")`);
    if (value.startsWith('--')) throw new UsageError(`${flag} needs a value, got the option ${value}`);
    return value;
  };

const storeOption = (description: string) => new Option('--store <url>', description).argParser(once('--store'));

/** Commander settings every command shares: errors come back to `main`, output goes to `io`. */
const configure = (command: Command, io: CliIo, name: string): Command =>
  command
    .exitOverride()
    .allowExcessArguments(false)
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
      outputError: (text) => io.err(`${name}: ${text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()} (see '${name} --help')`),
    });

/** What an action tells `main`: its exit code, and the store it was given (to word an error). */
interface RunState {
  code: number;
  /** `ecoledger <command>`, as errors name it. */
  command: string;
  store?: string;
}

/** The command tree; each action records its store and exit code in `state`. */
const program = (io: CliIo, state: RunState): Command => {
  const root = configure(new Command('ecoledger'), io, 'ecoledger')
    .description('Run, check and inspect ecoledger books: an event-sourced, double-entry ledger.')
    .version(cliVersion(), '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help (also: ecoledger help <command>)')
    .helpCommand(false)
    .addHelpText('after', `\n${STORE_FORMS}\n\n${EXIT_CODES}`);

  const demoCommand = configure(new Command('demo'), io, 'ecoledger demo')
    .description(
      'Run every scenario (see scenario list) with a progress display, then a summary per scenario: ok or FAILED, the trial balance per asset, the time taken. Exit 1 if any invariant fails.',
    )
    .addOption(storeOption('run every scenario on this store (default: a fresh memory: store per scenario)'))
    .option('--verbose', "also print each scenario's own report: statements, trial balance, checks")
    .helpOption('-h, --help', 'show help for demo')
    .addHelpText(
      'after',
      `\nOn a terminal the progress is animated; otherwise (a pipe, a CI log) it is one line when a scenario\nstarts and one when it ends. A second run on a durable store continues from what it holds.\n\nExamples:\n  ecoledger demo\n  ecoledger demo --verbose\n  ecoledger demo --store sqlite:./demo.db\n\n${STORE_FORMS}\n\n${EXIT_CODES}`,
    )
    .action(async (options: { store?: string; verbose?: boolean }) => {
      state.store = options.store ?? 'memory:';
      state.code = await demo({ ...(options.store === undefined ? {} : { store: options.store }), ...(options.verbose === undefined ? {} : { verbose: options.verbose }) }, io);
    });

  const verifyCommand = configure(new Command('verify'), io, 'ecoledger verify')
    .description(
      'Check every ledger book in a store, opened read-only: hash chains (keyed seals with --key-file), schemas, replay invariants, snapshot bindings, signed heads (--head-file), closed periods and the closed-posting index (SQL stores).',
    )
    .addOption(storeOption('the store to check').makeOptionMandatory())
    .addOption(new Option('--key-file <keys.json>', 'seal keys and head public keys (JSON)').argParser(once('--key-file')))
    .addOption(new Option('--head-file <heads.json>', 'signed heads kept outside the database (JSON array or one per line)').argParser(once('--head-file')))
    .helpOption('-h, --help', 'show help for verify')
    .addHelpText('after', `\nExample:\n  ecoledger verify --store sqlite:./demo.db --key-file keys.json --head-file heads.jsonl\n\n${STORE_FORMS}\n\n${EXIT_CODES}`)
    .action(async (options: { store: string; keyFile?: string; headFile?: string }) => {
      const { store, keyFile, headFile } = options;
      state.store = store;
      state.code = await verify({ store, ...(keyFile === undefined ? {} : { keyFile }), ...(headFile === undefined ? {} : { headFile }) }, io);
    });

  const quoteCommand = configure(new Command('quote'), io, 'ecoledger deposit quote')
    .description('Quote a term deposit: maturity amount and interest, with one line per compounding period.')
    .addOption(new Option('--principal <amount>', 'the deposit, a decimal string in yuan (e.g. 10000 or 10000.50)').argParser(once('--principal')).makeOptionMandatory())
    .addOption(new Option('--annual-rate <percent>', 'the annual rate in percent (5 is 5 %)').argParser(once('--annual-rate')).makeOptionMandatory())
    .addOption(new Option('--months <n>', 'the term in whole months, 1..600').argParser(once('--months')).makeOptionMandatory())
    .addOption(new Option('--compounding <kind>', 'none, monthly, quarterly, semi-annual or annual (default: none)').argParser(once('--compounding')))
    .addOption(new Option('--day-count <convention>', 'ACT/365, ACT/360, 30/360 or ACT/ACT (needs --start; default: a month is 1/12 year)').argParser(once('--day-count')))
    .addOption(new Option('--start <YYYY-MM-DD>', 'the value date; periods end on the same day of later months').argParser(once('--start')))
    .addOption(new Option('--rounding <mode>', 'how the interest is rounded to the fen (default: half-up)').argParser(once('--rounding')))
    .option('--json', 'print the quote as one JSON object, amounts as strings')
    .helpOption('-h, --help', 'show help for deposit quote')
    .addHelpText(
      'after',
      `\nExamples:\n  ecoledger deposit quote --principal 10000 --annual-rate 5 --months 12\n  ecoledger deposit quote --principal 10000 --annual-rate 5 --months 12 --compounding monthly --json\n  ecoledger deposit quote --principal 10000 --annual-rate 1.75 --months 6 --day-count ACT/365 --start 2026-01-31\n\n${EXIT_CODES}`,
    )
    .action((options: DepositQuoteOptions) => {
      state.code = depositQuote(options, io);
    });

  const depositCommand = configure(new Command('deposit'), io, 'ecoledger deposit')
    .description('Deposit products: quote a term deposit.')
    .helpOption('-h, --help', 'show help for deposit')
    .helpCommand(false)
    .addCommand(quoteCommand);
  depositCommand.hook('preSubcommand', (_deposit, subcommand) => {
    state.command = `ecoledger deposit ${subcommand.name()}`;
  });

  const scheduleCommand = configure(new Command('schedule'), io, 'ecoledger schedule')
    .description('A loan repayment schedule: equal installment, equal principal, interest-only or bullet, one line per installment.')
    .addOption(new Option('--principal <amount>', 'the loan, a decimal string in yuan (e.g. 1000000)').argParser(once('--principal')).makeOptionMandatory())
    .addOption(new Option('--annual-rate <percent>', 'the nominal annual rate in percent (4.9 is 4.9 %)').argParser(once('--annual-rate')).makeOptionMandatory())
    .addOption(new Option('--months <n>', 'the term in months (a whole number of periods)').argParser(once('--months')))
    .addOption(new Option('--periods <n>', 'the number of installments, instead of --months').argParser(once('--periods')))
    .addOption(new Option('--method <method>', 'equal-installment, equal-principal, interest-only or bullet').argParser(once('--method')).makeOptionMandatory())
    .addOption(new Option('--day-count <convention>', 'periodic, 30/360, ACT/365, ACT/360 or ACT/ACT (default: periodic, a period is 1/12, 1/26 or 1/52 year)').argParser(once('--day-count')))
    .addOption(new Option('--start <YYYY-MM-DD>', 'the value date; installments fall due one period after another (default: today, UTC)').argParser(once('--start')))
    .addOption(new Option('--frequency <frequency>', 'monthly, fortnightly or weekly (default: monthly)').argParser(once('--frequency')))
    .addOption(new Option('--rounding <mode>', 'how interest and the equal amount are rounded to the fen (default: half-up)').argParser(once('--rounding')))
    .addOption(new Option('--totals <policy>', 'rounded (sum of the installments, the default) or unrounded (from the unrounded payment)').argParser(once('--totals')))
    .option('--json', 'print the schedule as one JSON object, amounts as strings')
    .helpOption('-h, --help', 'show help for schedule')
    .addHelpText(
      'after',
      `\nExamples:\n  ecoledger schedule --principal 1000000 --annual-rate 4.9 --months 360 --method equal-installment\n  ecoledger schedule --principal 100 --annual-rate 9.4822 --months 6 --method equal-installment --day-count 30/360 --start 2024-01-01 --json\n\n${EXIT_CODES}`,
    )
    .action((options: ScheduleOptions) => {
      state.code = schedule(options, io);
    });

  const scenarioListCommand = configure(new Command('list'), io, 'ecoledger scenario list')
    .description('List the runnable scenarios.')
    .option('--json', 'print the list as one JSON object')
    .helpOption('-h, --help', 'show help for scenario list')
    .action((options: { json?: boolean }) => {
      state.code = scenarioList(options, io);
    });
  const scenarioRunCommand = configure(new Command('run'), io, 'ecoledger scenario run')
    .description('Run a scenario and its invariant checks; exit 1 if one fails.')
    .argument('<name>', 'the scenario (see scenario list)')
    .addOption(storeOption('where its books and contracts live (default: memory:)'))
    .option('--json', 'print one JSON object: the trial balance per asset and "invariants": "ok" or the failures')
    .helpOption('-h, --help', 'show help for scenario run')
    .addHelpText('after', `\nExamples:\n  ecoledger scenario run online-deposits\n  ecoledger scenario run online-deposits --store sqlite:./deposits.db --json\n\n${STORE_FORMS}\n\n${EXIT_CODES}`)
    .action(async (name: string, options: { store?: string; json?: boolean }) => {
      state.store = options.store ?? 'memory:';
      state.code = await scenarioRun(name, { store: state.store, ...(options.json === undefined ? {} : { json: options.json }) }, io);
    });
  const scenarioCommand = configure(new Command('scenario'), io, 'ecoledger scenario')
    .description('Runnable scenarios of the bank: list them, run one.')
    .helpOption('-h, --help', 'show help for scenario')
    .helpCommand(false)
    .addCommand(scenarioListCommand)
    .addCommand(scenarioRunCommand);
  scenarioCommand.hook('preSubcommand', (_scenario, subcommand) => {
    state.command = `ecoledger scenario ${subcommand.name()}`;
  });

  const helpCommand: Command = configure(new Command('help'), io, 'ecoledger help')
    .description('show help for a command')
    .argument('[command]', 'demo, verify, deposit, schedule or scenario')
    .action((name: string | undefined) => {
      if (name === undefined) return root.outputHelp();
      const command = root.commands.find((candidate) => candidate.name() === name);
      if (command === undefined) throw new UsageError(`unknown command "${name}" (commands: ${root.commands.map((c) => c.name()).join(', ')})`);
      command.outputHelp();
    });
  // Before a subcommand parses its options, so that its own errors (a repeated option) name it.
  root.hook('preSubcommand', (_root, subcommand) => {
    state.command = `ecoledger ${subcommand.name()}`;
  });
  // addCommand, not command(): each command keeps its own output settings (its name in errors).
  return root.addCommand(demoCommand).addCommand(verifyCommand).addCommand(depositCommand).addCommand(scheduleCommand).addCommand(scenarioCommand).addCommand(helpCommand);
};

/**
 * Runs the CLI with `argv` (without node and script); resolves to the exit code. User mistakes
 * resolve to 2 with one line on `io.err`; only bugs reject.
 */
export const main = async (argv: readonly string[], io: CliIo = processIo): Promise<number> => {
  if (argv.length === 0) {
    io.err("ecoledger: no command given: demo, verify, deposit, schedule, scenario or help (see 'ecoledger --help')");
    return 2;
  }
  const state: RunState = { code: 0, command: 'ecoledger' };
  try {
    await program(io, state).parseAsync([...argv], { from: 'user' });
    return state.code;
  } catch (error) {
    // Help and version end parsing with exit code 0; every other commander error is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const line = userErrorOf(error, state.store);
    if (line === undefined) throw error;
    io.err(`${state.command}: ${line}`);
    return 2;
  }
};
