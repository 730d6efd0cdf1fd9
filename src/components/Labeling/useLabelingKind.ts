import { useCallback, useEffect, useState } from 'react';

import { locationService } from '@grafana/runtime';

import { LabelingKind } from './shortcuts';

/** The query parameter holding the queue, so a link to `…/labeling?kind=anomalies` opens the anomaly queue. */
export const KIND_PARAM = 'kind';

function kindFromUrl(): LabelingKind {
  return locationService.getSearchObject()[KIND_PARAM] === 'anomalies' ? 'anomalies' : 'incidents';
}

/**
 * Which queue the page shows, kept in the URL through Grafana's location service (the preview's default one works
 * on the browser history alike). Switching replaces the entry rather than pushing one: Back leaves the page, it
 * does not flip queues. The URL stays the truth, so Back/Forward and edited links are followed too.
 */
export function useLabelingKind(): [LabelingKind, (kind: LabelingKind) => void] {
  const [kind, setKind] = useState<LabelingKind>(kindFromUrl);

  useEffect(() => {
    const subscription = locationService.getLocationObservable().subscribe(() => setKind(kindFromUrl()));
    return () => subscription.unsubscribe();
  }, []);

  const change = useCallback((next: LabelingKind) => {
    // Incidents are the default: leave the parameter out rather than spell the default into every link.
    locationService.partial({ [KIND_PARAM]: next === 'incidents' ? null : next }, true);
    setKind(next);
  }, []);

  return [kind, change];
}
