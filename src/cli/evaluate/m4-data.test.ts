import { parseM4Csv } from './m4-data';

describe('M4 CSV reader', () => {
  it('reads quoted ids and values and skips the empty padding cells', () => {
    const text = ['"V1","V2","V3","V4"', '"H2","605","586.5",', '"H4","3","4","5"', ''].join('\n');
    const series = parseM4Csv(text);
    expect([...series.keys()]).toEqual(['H2', 'H4']);
    expect(Array.from(series.get('H2') as Float64Array)).toEqual([605, 586.5]);
    expect(Array.from(series.get('H4') as Float64Array)).toEqual([3, 4, 5]);
  });

  it('names the line of a cell that is not a number', () => {
    expect(() => parseM4Csv('"V1","V2"\n"H2","x"\n')).toThrow(/line 2/);
  });
});
