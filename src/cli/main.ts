/**
 * Entry point of the `traceo-ml` command (bundled by scripts/run-cli.mjs):
 *   traceo-ml <command> [subcommand] [--flags]
 */
import { UsageError } from './args';
import { type CliCommand, COMMANDS } from './commands';

export function findCommand(
  commands: CliCommand[],
  argv: string[]
): { command: CliCommand; rest: string[] } | undefined {
  let best: { command: CliCommand; rest: string[] } | undefined;
  let bestWords = 0;
  for (const command of commands) {
    const words = command.name.split(' ');
    const matches = words.every((w, i) => argv[i] === w);
    if (matches && words.length > bestWords) {
      best = { command, rest: argv.slice(words.length) };
      bestWords = words.length;
    }
  }
  return best;
}

export function usage(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.description}`);
  return ['usage: traceo-ml <command> [subcommand] [--flags]', '', 'commands:', ...lines, ''].join('\n');
}

export async function main(argv: string[], commands: CliCommand[] = COMMANDS): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(usage(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    process.stderr.write(`traceo-ml: unknown command "${argv.join(' ')}"\n\n${usage(commands)}`);
    return 2;
  }
  try {
    return await found.command.run(found.rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`traceo-ml ${found.command.name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

// Run only when executed as the bundle's entry, not when a test imports this module.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`traceo-ml: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    }
  );
}
