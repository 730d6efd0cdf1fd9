import React from 'react';
import { PageEmptyState } from 'components/PageEmptyState/PageEmptyState';
import { testIds } from 'components/testIds';

import { GRAFANA_LINKS, prefixRoute, ROUTES } from '../../constants';

export function Models() {
  return (
    <PageEmptyState
      testId={testIds.models.container}
      message="No models trained yet"
      description="Every model Traceo ML trains — anomaly detectors, forecasters, failure and root-cause classifiers — will be listed here with its validation metrics, the data it learned from and the alias (champion, challenger) pointing to it."
      steps={[
        'Query your metrics through the Traceo ML data source in a panel or in Explore: models learn from the series they score.',
        'Label incidents so the supervised models (failure prediction, root cause) have examples to train on.',
        'Promote a new version to champion when an experiment recommends it.',
      ]}
      primaryAction={{ label: 'Open Explore', href: GRAFANA_LINKS.explore, icon: 'compass' }}
      secondaryAction={{ label: 'Label incidents', href: prefixRoute(ROUTES.Labeling), icon: 'tag-alt' }}
    />
  );
}
