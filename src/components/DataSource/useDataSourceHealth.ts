import { useCallback, useEffect, useState } from 'react';

import { DataSourceHealth, fetchDataSourceHealth } from './dataSourceHealth';

export type DataSourceHealthState = { status: 'loading' } | DataSourceHealth;

const LOADING: DataSourceHealthState = { status: 'loading' };

/** Health of one data source, re-checked when the uid changes or on `retry()`. */
export function useDataSourceHealth(uid: string): { health: DataSourceHealthState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; health: DataSourceHealth }>();
  // A result only counts for the request it answers: a new uid or a retry shows "loading" until its own answer.
  const key = `${uid}#${attempt}`;

  useEffect(() => {
    let current = true;
    fetchDataSourceHealth(uid).then((health) => {
      if (current) {
        setResult({ key, health });
      }
    });
    return () => {
      current = false;
    };
  }, [uid, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { health: result?.key === key ? result.health : LOADING, retry };
}
