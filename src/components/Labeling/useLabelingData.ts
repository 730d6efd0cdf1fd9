import { useCallback, useEffect, useRef, useState } from 'react';

import { AgreementStats, Disagreement, Incident, LabelingSettingsView } from 'contract/resources';

import { fetchErrorMessage } from '../fetchErrorMessage';
import { LabelingApi } from './labelingApi';

export interface LabelingData {
  incidents: Incident[];
  /** Incidents matching in total; larger than `incidents.length` when the queue has more than one page. */
  total: number;
  settings: LabelingSettingsView;
  agreement: AgreementStats;
  disagreements: Disagreement[];
}

export type LabelingLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: LabelingData; refreshing: boolean };

/** Loads everything the labeling page shows in one go; `reload` refreshes it in place after a label. */
export function useLabelingData(api: LabelingApi): { load: LabelingLoad; reload: () => Promise<void> } {
  const [load, setLoad] = useState<LabelingLoad>({ status: 'loading' });
  const latest = useRef(0);

  const fetchAll = useCallback(async (): Promise<LabelingLoad> => {
    try {
      const [page, settings, agreement, disagreements] = await Promise.all([
        api.listIncidents(),
        api.getSettings(),
        api.getAgreement('incident'),
        api.listDisagreements('incident'),
      ]);
      return {
        status: 'ready',
        refreshing: false,
        data: { incidents: page.items, total: page.total, settings, agreement, disagreements },
      };
    } catch (error) {
      return { status: 'error', message: fetchErrorMessage(error, 'The labeling data could not be loaded') };
    }
  }, [api]);

  // A slower, older answer never overwrites a newer one: only the latest call may set the state.
  const settle = useCallback(
    async (call: number) => {
      const next = await fetchAll();
      if (call === latest.current) {
        setLoad(next);
      }
    },
    [fetchAll]
  );

  useEffect(() => {
    void settle(++latest.current);
  }, [settle]);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoad((previous) => (previous.status === 'ready' ? { ...previous, refreshing: true } : { status: 'loading' }));
    await settle(call);
  }, [settle]);

  return { load, reload };
}
