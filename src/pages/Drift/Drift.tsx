import React from 'react';
import { PageEmptyState } from 'components/PageEmptyState/PageEmptyState';
import { testIds } from 'components/testIds';

import { GRAFANA_LINKS, prefixRoute, ROUTES } from '../../constants';

export function Drift() {
  return (
    <PageEmptyState
      testId={testIds.drift.container}
      message="No drift reports yet"
      description="For each model and the series it watches: how far recent data has moved from the data it learned from (Kolmogorov–Smirnov, PSI, Wasserstein, Jensen–Shannon, chosen by data size), drift of its predictions, and data-quality checks such as gaps and outliers."
      steps={[
        'Train a model (see the Models page): the data it learned from becomes the reference window.',
        'Traceo ML compares recent data with that reference and flags the features that drifted.',
        'Add a Grafana alert rule on the drift flag so a drifting model is retrained before it misleads anyone.',
      ]}
      primaryAction={{ label: 'See models', href: prefixRoute(ROUTES.Models), icon: 'layer-group' }}
      secondaryAction={{ label: 'View alert rules', href: GRAFANA_LINKS.alertRules, icon: 'bell' }}
    />
  );
}
