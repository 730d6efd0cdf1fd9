import { escapePromQLString, escapeRegex, formatPromQLVariable } from './interpolation';

describe('PromQL interpolation', () => {
  it('escapes only what a double-quoted PromQL string needs', () => {
    expect(escapePromQLString('node-exporter:9100')).toBe('node-exporter:9100');
    expect(escapePromQLString('say "hi"')).toBe('say \\"hi\\"');
    expect(escapePromQLString('C:\\temp')).toBe('C:\\\\temp');
  });

  it('escapes every regex metacharacter', () => {
    expect(escapeRegex('a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o')).toBe(
      'a\\.b\\*c\\+d\\?e\\^f\\$g\\{h\\}i\\(j\\)k\\|l\\[m\\]n\\\\o'
    );
  });

  it('leaves a single-value variable as text in the string', () => {
    expect(formatPromQLVariable('api.example.com', { multi: false })).toBe('api.example.com');
    expect(formatPromQLVariable('a"b', undefined)).toBe('a\\"b');
  });

  it('turns a multi-value variable into an escaped regex alternation', () => {
    expect(formatPromQLVariable(['web-1', 'web-2'], { multi: true })).toBe('(web-1|web-2)');
    // `.` must match a literal dot, and the regex backslash must survive the PromQL string: `\\.` in the query.
    expect(formatPromQLVariable(['10.0.0.1:9100', '10.0.0.2:9100'], { multi: true })).toBe(
      '(10\\\\.0\\\\.0\\\\.1:9100|10\\\\.0\\\\.0\\\\.2:9100)'
    );
  });

  it('does not wrap a single selected value of a multi-value variable', () => {
    expect(formatPromQLVariable(['web-1'], { multi: true })).toBe('web-1');
    expect(formatPromQLVariable('a.b', { includeAll: true })).toBe('a\\\\.b');
  });
});
