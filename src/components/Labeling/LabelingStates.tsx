import React from 'react';

import { Alert, Button, LoadingPlaceholder } from '@grafana/ui';

import { labelingTestIds } from './labelingTestIds';

export function LabelingLoading() {
  return (
    <div data-testid={labelingTestIds.loading}>
      <LoadingPlaceholder text="Loading the labeling queue…" />
    </div>
  );
}

/** A failed load says what failed and offers a retry; the usual causes are listed because they need a person. */
export function LabelingError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div data-testid={labelingTestIds.error}>
      <Alert severity="error" title="The labeling queue could not be loaded">
        <p>{message}</p>
        <p>
          Check that the Traceo ML data source is reachable (Save &amp; test on its settings page) and that its label
          store is writable.
        </p>
        <Button variant="secondary" icon="sync" onClick={onRetry}>
          Retry
        </Button>
      </Alert>
    </div>
  );
}
