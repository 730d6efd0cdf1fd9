import { numberFlag, parseArgs, stringFlag, stringFlagOr, UsageError } from './args';
import type { CliCommand } from './commands';
import { findCommand, main } from './main';

function command(name: string, code = 0): CliCommand & { calls: string[][] } {
  const calls: string[][] = [];
  return { name, description: `does ${name}`, calls, run: async (args) => (calls.push(args), code) };
}

describe('parseArgs', () => {
  it('reads positionals, --k v, --k=v and bare flags', () => {
    const args = parseArgs(['nab', '--data', '/d', '--out=/o', '--verbose', '--', '--raw']);
    expect(args.positionals).toEqual(['nab', '--raw']);
    expect(stringFlag(args, 'data')).toBe('/d');
    expect(stringFlag(args, 'out')).toBe('/o');
    expect(args.flags.get('verbose')).toBe(true);
    expect(stringFlagOr(args, 'missing', 'x')).toBe('x');
  });

  it('refuses non-numeric numbers and valueless strings', () => {
    expect(() => numberFlag(parseArgs(['--k', 'abc']), 'k', 1)).toThrow(UsageError);
    expect(() => stringFlag(parseArgs(['--data']), 'data')).toThrow(UsageError);
    expect(numberFlag(parseArgs(['--k', '2.5']), 'k', 1)).toBe(2.5);
  });
});

describe('dispatch', () => {
  it('picks the longest matching command name and passes the rest', async () => {
    const evaluate = command('evaluate');
    const nab = command('evaluate nab', 3);
    expect(findCommand([evaluate, nab], ['evaluate', 'nab', '--x'])?.command).toBe(nab);
    expect(await main(['evaluate', 'nab', '--x', '1'], [evaluate, nab])).toBe(3);
    expect(nab.calls).toEqual([['--x', '1']]);
    expect(findCommand([evaluate, nab], ['evaluate', 'smd'])?.rest).toEqual(['smd']);
  });

  it('answers 2 with usage on stderr for an unknown command', async () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['nope'], [command('evaluate nab')])).toBe(2);
    expect(String(write.mock.calls[0][0])).toContain('evaluate nab');
    write.mockRestore();
  });

  it('turns a usage error into exit code 2', async () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bad: CliCommand = {
      name: 'bad',
      description: '',
      run: async () => {
        throw new UsageError('--data is required');
      },
    };
    expect(await main(['bad'], [bad])).toBe(2);
    expect(String(write.mock.calls[0][0])).toContain('--data is required');
    write.mockRestore();
  });
});
