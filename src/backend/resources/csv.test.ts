import { formatCsv, parseCsv } from './csv';

describe('CSV', () => {
  it('round-trips commas, quotes, line breaks and padding', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quotes"'],
      ['multi\nline', ' padded ', ''],
      ["Robert'); DROP TABLE x;--", '=SUM(A1)', 'ünï 🔥'],
    ];
    const text = formatCsv(['a', 'b', 'c'], rows);
    expect(text.split('\r\n')[1]).toBe('plain,"with, comma","with ""quotes"""');
    expect(parseCsv(text)).toEqual([['a', 'b', 'c'], ...rows]);
  });

  it('reads LF and CRLF line ends, a BOM and a missing final newline', () => {
    expect(parseCsv('\ufeffa,b\r\n1,2\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reports malformed quoting with its line', () => {
    expect(() => parseCsv('a,b\n"open,2\n')).toThrow('CSV line 2: quoted field never closed');
    expect(() => parseCsv('a,b\nx"y,2\n')).toThrow('CSV line 2: quote inside an unquoted field');
    expect(() => parseCsv('a,b\n"x"y,2\n')).toThrow('CSV line 2: unexpected character after a closing quote');
  });
});
