import { createLogger, formatHclogTimestamp, formatLine, type LoggerOptions } from './logger';

/** Go's layout 2006-01-02T15:04:05.000000Z07:00 as go-plugin parses it: six fractional digits, then a zone. */
const HCLOG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

function capture(options: LoggerOptions = {}) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', ...options, write: (line) => lines.push(line) });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('formatHclogTimestamp', () => {
  it('writes exactly six fractional digits and Z', () => {
    const epochMs = Date.UTC(2024, 1, 29, 23, 59, 58) + 123.456;
    expect(formatHclogTimestamp(epochMs)).toBe('2024-02-29T23:59:58.123456Z');
    expect(formatHclogTimestamp(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00.000000Z');
    expect(formatHclogTimestamp(Date.UTC(2024, 0, 1) + 0.004)).toBe('2024-01-01T00:00:00.000004Z');
  });

  it('matches the Go layout for the current time', () => {
    expect(formatHclogTimestamp(performance.timeOrigin + performance.now())).toMatch(HCLOG_TIMESTAMP);
  });
});

describe('createLogger', () => {
  it('writes one hclog JSON object per line with @level, @message, @timestamp and the fields', () => {
    const { logger, lines, entries } = capture({ now: () => Date.UTC(2024, 0, 1, 12) + 0.5 });
    logger.info('query done', { refId: 'A', series: 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(entries()[0]).toEqual({
      '@level': 'info',
      '@message': 'query done',
      '@timestamp': '2024-01-01T12:00:00.000500Z',
      refId: 'A',
      series: 3,
    });
  });

  it('uses the hclog level names for every level', () => {
    const { logger, entries } = capture();
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(entries().map((e) => e['@level'])).toEqual(['trace', 'debug', 'info', 'warn', 'error']);
    expect(entries().every((e) => HCLOG_TIMESTAMP.test(String(e['@timestamp'])))).toBe(true);
  });

  it('drops entries below the configured level', () => {
    const { logger, entries } = capture({ level: 'warn' });
    logger.info('quiet');
    logger.warn('loud');
    expect(entries().map((e) => e['@message'])).toEqual(['loud']);
    expect(logger.enabled('info')).toBe(false);
    expect(logger.enabled('error')).toBe(true);
  });

  it('keeps a multi-line message on one line', () => {
    const { logger, lines, entries } = capture();
    logger.error('first\nsecond\r\nthird', { stack: 'Error: x\n    at y' });
    expect(lines).toHaveLength(1);
    expect(lines[0].slice(0, -1)).not.toMatch(/[\r\n]/);
    expect(entries()[0]['@message']).toBe('first\nsecond\r\nthird');
  });

  it('adds bound fields in child loggers, letting call fields override them', () => {
    const { logger, entries } = capture();
    const child = logger.with({ component: 'store', dsUid: 'a' }).with({ dsUid: 'b' });
    child.info('opened', { file: 'x.db' });
    logger.info('parent');
    expect(entries()[0]).toMatchObject({ component: 'store', dsUid: 'b', file: 'x.db' });
    expect(entries()[1]).not.toHaveProperty('component');
  });
});

describe('formatLine', () => {
  const at = Date.UTC(2024, 0, 1);

  it('serialises Errors as their message and BigInts as strings', () => {
    const entry = JSON.parse(formatLine('warn', 'm', { error: new Error('boom'), big: 12n }, at));
    expect(entry).toMatchObject({ error: 'boom', big: '12' });
  });

  it('never lets fields overwrite hclog keys or use the key Grafana drops', () => {
    const entry = JSON.parse(
      formatLine('info', 'm', { '@level': 'error', '@message': 'x', timestamp: 1, ok: true }, at)
    );
    expect(entry).toEqual({ '@level': 'info', '@message': 'm', '@timestamp': '2024-01-01T00:00:00.000000Z', ok: true });
  });

  it('still logs the message when a field cannot be serialised', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const entry = JSON.parse(formatLine('info', 'still here', { circular, '@level': 'x' }, at));
    expect(entry['@message']).toBe('still here');
    expect(entry['@level']).toBe('info');
    expect(entry.fields).toContain('Circular');
  });

  it('truncates huge messages so the line stays below go-plugin’s 64 KiB read buffer', () => {
    const line = formatLine('info', 'x'.repeat(200_000), {}, at);
    expect(line.length).toBeLessThan(64 * 1024);
    expect(JSON.parse(line)['@message']).toMatch(/… \(truncated\)$/);
  });
});
