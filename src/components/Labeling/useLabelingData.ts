import { useCallback, useEffect, useRef, useState } from 'react';

import { AgreementStats, Anomaly, Disagreement, Incident, LabelingSettingsView, LabelKind } from 'contract/resources';

import { fetchErrorMessage } from '../fetchErrorMessage';
import { LabelingApi } from './labelingApi';
import { LabeledItem } from './progress';

/** What either side of the page shows: its queue, how many match in total, and its agreement figures. */
export interface QueueData<T extends LabeledItem> {
  items: T[];
  /** Items matching in total; larger than `items.length` when the queue has more than one page. */
  total: number;
  agreement: AgreementStats;
  disagreements: Disagreement[];
}

export interface LabelingData extends QueueData<Incident> {
  settings: LabelingSettingsView;
}

export type AnomalyLabelingData = QueueData<Anomaly>;

export type LabelingLoad<D> =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: D; refreshing: boolean };

async function agreementOf(api: LabelingApi, kind: LabelKind) {
  return Promise.all([api.getAgreement(kind), api.listDisagreements(kind)]);
}

export async function fetchIncidentData(api: LabelingApi): Promise<LabelingData> {
  const [page, settings, [agreement, disagreements]] = await Promise.all([
    api.listIncidents(),
    api.getSettings(),
    agreementOf(api, 'incident'),
  ]);
  return { items: page.items, total: page.total, settings, agreement, disagreements };
}

export async function fetchAnomalyData(api: LabelingApi): Promise<AnomalyLabelingData> {
  const [page, [agreement, disagreements]] = await Promise.all([api.listAnomalies(), agreementOf(api, 'anomaly')]);
  return { items: page.items, total: page.total, agreement, disagreements };
}

/**
 * Loads everything one side of the labeling page shows in one go; `reload` refreshes it in place after a label.
 * `fetchData` must be stable (a new function means a new load).
 */
export function useLabelingData<D>(fetchData: () => Promise<D>): {
  load: LabelingLoad<D>;
  reload: () => Promise<void>;
} {
  const [load, setLoad] = useState<LabelingLoad<D>>({ status: 'loading' });
  const latest = useRef(0);

  const fetchAll = useCallback(async (): Promise<LabelingLoad<D>> => {
    try {
      return { status: 'ready', refreshing: false, data: await fetchData() };
    } catch (error) {
      return { status: 'error', message: fetchErrorMessage(error, 'The labeling data could not be loaded') };
    }
  }, [fetchData]);

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
