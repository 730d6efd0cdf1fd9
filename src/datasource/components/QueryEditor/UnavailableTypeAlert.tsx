import React from 'react';

import { Alert, Button } from '@grafana/ui';

import { QueryType } from 'contract/query';

import { isQueryTypeAvailable, queryTypeInfo } from '../../queryTypes';
import { selectors } from '../../selectors';

interface Props {
  type: QueryType;
  onSwitchToRaw: () => void;
}

/**
 * A query saved with a type this release cannot run (an imported dashboard, a newer version's query) is kept as
 * is, but the user is told why it fails and offered the way out instead of a bare backend error.
 */
export function UnavailableTypeAlert({ type, onSwitchToRaw }: Props) {
  if (isQueryTypeAvailable(type)) {
    return null;
  }
  return (
    <Alert
      severity="warning"
      title={`${queryTypeInfo(type).label} queries are not available in this version`}
      data-testid={selectors.queryEditor.unavailableType}
      action={
        <Button size="sm" variant="secondary" onClick={onSwitchToRaw}>
          Switch to Raw
        </Button>
      }
    >
      This query was saved with a query type that the installed Traceo ML cannot run yet, so it returns an error. Switch
      to Raw to keep the expression and get the Prometheus series, or upgrade Traceo ML.
    </Alert>
  );
}
