import { numberedPlaceholders } from './placeholders';

describe('numberedPlaceholders', () => {
  it('numbers ? placeholders in order', () => {
    expect(numberedPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4'
    );
  });

  it('leaves question marks inside quoted literals alone', () => {
    expect(numberedPlaceholders("SELECT '?', x FROM t WHERE y LIKE ? ESCAPE '\\'")).toBe(
      "SELECT '?', x FROM t WHERE y LIKE $1 ESCAPE '\\'"
    );
  });
});
