import React, { ReactNode } from 'react';

import { LabelingError, LabelingLoading } from './LabelingStates';
import { labelingTestIds } from './labelingTestIds';
import { LabelingLoad } from './useLabelingData';

/**
 * Loading, error (with retry) and empty, the same for both queues; undefined when there is a queue to show.
 */
export function loadState<D>(
  load: LabelingLoad<D>,
  reload: () => Promise<void>,
  isEmpty: (data: D) => boolean,
  emptyState: ReactNode
): ReactNode | undefined {
  if (load.status === 'loading') {
    return <LabelingLoading />;
  }
  if (load.status === 'error') {
    return <LabelingError message={load.message} onRetry={() => void reload()} />;
  }
  if (isEmpty(load.data)) {
    return <div data-testid={labelingTestIds.empty}>{emptyState}</div>;
  }
  return undefined;
}
