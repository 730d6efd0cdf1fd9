import React from 'react';
import { PageEmptyState } from 'components/PageEmptyState/PageEmptyState';
import { testIds } from 'components/testIds';

import { prefixRoute, ROUTES } from '../../constants';

export function Experiments() {
  return (
    <PageEmptyState
      testId={testIds.experiments.container}
      message="No experiments yet"
      description="An experiment runs a challenger model next to the champion on the same series, split deterministically, and reports paired statistics — confidence intervals, effect size and a guard against peeking — ending in a deploy, reject or keep-waiting recommendation."
      steps={[
        'Have at least two versions of a model: they appear on the Models page once trained.',
        'Start an experiment with the champion, the challenger and the series to compare them on.',
        'Keep labeling incidents while it runs: the comparison is scored against your labels.',
      ]}
      primaryAction={{ label: 'See models', href: prefixRoute(ROUTES.Models), icon: 'layer-group' }}
      secondaryAction={{ label: 'Label incidents', href: prefixRoute(ROUTES.Labeling), icon: 'tag-alt' }}
    />
  );
}
