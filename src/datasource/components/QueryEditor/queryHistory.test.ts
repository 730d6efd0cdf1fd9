import { store } from '@grafana/data';

import { loadQueryHistory, QUERY_HISTORY_KEY, QUERY_HISTORY_LIMIT, rememberQuery } from './queryHistory';

describe('query history', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps the most recent expression first, without duplicates or surrounding blanks', () => {
    rememberQuery('up');
    rememberQuery('rate(http_requests_total[5m])');
    rememberQuery('  up  ');

    expect(loadQueryHistory()).toEqual(['up', 'rate(http_requests_total[5m])']);
  });

  it('ignores blank expressions', () => {
    rememberQuery('up');
    expect(rememberQuery('   ')).toEqual(['up']);
  });

  it(`keeps at most ${QUERY_HISTORY_LIMIT} expressions`, () => {
    for (let i = 0; i < QUERY_HISTORY_LIMIT + 5; i++) {
      rememberQuery(`metric_${i}`);
    }
    const history = loadQueryHistory();
    expect(history).toHaveLength(QUERY_HISTORY_LIMIT);
    expect(history[0]).toBe(`metric_${QUERY_HISTORY_LIMIT + 4}`);
  });

  it('reads a corrupt stored value as an empty history', () => {
    // Grafana's store logs the parse error; that log is expected here.
    jest.spyOn(console, 'error').mockImplementation(() => {});
    store.set(QUERY_HISTORY_KEY, '{not json');
    expect(loadQueryHistory()).toEqual([]);
    store.setObject(QUERY_HISTORY_KEY, { not: 'a list' });
    expect(loadQueryHistory()).toEqual([]);
  });

  it('still returns the new history when the browser refuses to store it', () => {
    jest.spyOn(store, 'setObject').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    expect(rememberQuery('up')).toEqual(['up']);
  });

  afterEach(() => jest.restoreAllMocks());
});
