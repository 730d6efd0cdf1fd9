/**
 * Every `traceo-ml` command. A name may hold a subcommand (`evaluate nab`); the dispatcher picks the longest
 * name matching the leading words of the command line and hands the remaining words to `run`.
 * To add a command: write a module exporting a `CliCommand` and add one line here.
 */
import { evaluateActiveCommand } from './evaluate/active-command';
import { evaluateM4Command } from './evaluate/m4-command';
import { evaluateNabCommand } from './evaluate/nab-command';
import { evaluateSmdCommand } from './evaluate/smd-command';
import { evaluateThresholdCommand } from './evaluate/threshold-command';

export interface CliCommand {
  /** One or more words, e.g. `evaluate nab`. */
  name: string;
  description: string;
  /** Receives the words after the name; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

export const COMMANDS: CliCommand[] = [
  evaluateNabCommand,
  evaluateSmdCommand,
  evaluateM4Command,
  evaluateThresholdCommand,
  evaluateActiveCommand,
];
