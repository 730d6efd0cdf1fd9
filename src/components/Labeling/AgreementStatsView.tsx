import React from 'react';

import { EmptyState, Stack, Text } from '@grafana/ui';

import { AgreementStats } from 'contract/resources';

import { formatPercent, humanizeCategory, kappaStrength } from './agreementText';
import { labelingTestIds } from './labelingTestIds';

/** Percent agreement and Cohen's kappa between the first two reviewers of each item, with the confusion matrix. */
export function AgreementStatsView({ stats }: { stats: AgreementStats }) {
  if (stats.pairedItems === 0) {
    return (
      <div data-testid={labelingTestIds.agreement}>
        <EmptyState variant="not-found" message="No item has two reviews yet">
          <Text color="secondary">
            Agreement needs items labeled by {stats.reviewersPerItem} reviewers; {stats.labeledItems} item(s) have one
            label so far.
          </Text>
        </EmptyState>
      </div>
    );
  }
  const { percentAgreement, cohensKappa } = stats;
  return (
    <Stack direction="column" gap={2} data-testid={labelingTestIds.agreement}>
      <Stack gap={4} wrap="wrap">
        <Figure
          label="Percent agreement"
          testId={labelingTestIds.percentAgreement}
          value={percentAgreement === null ? '—' : formatPercent(percentAgreement)}
          detail={`${stats.agreedItems} of ${stats.pairedItems} items`}
        />
        <Figure
          label="Cohen's kappa"
          testId={labelingTestIds.kappa}
          value={cohensKappa === null ? 'undefined' : cohensKappa.toFixed(2)}
          detail={
            cohensKappa === null
              ? 'Both reviewers used a single category; kappa needs variety.'
              : `${kappaStrength(cohensKappa)} agreement beyond chance`
          }
        />
        <Figure
          label="Labeled items"
          value={String(stats.labeledItems)}
          detail={`${stats.pairedItems} with two reviews`}
        />
      </Stack>
      {stats.categories.length > 0 && (
        <table aria-label="Confusion matrix (rows: first reviewer, columns: second reviewer)">
          <thead>
            <tr>
              <th />
              {stats.categories.map((c) => (
                <th key={c} scope="col" style={{ padding: '0 8px' }}>
                  {humanizeCategory(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stats.categories.map((row, i) => (
              <tr key={row}>
                <th scope="row" style={{ textAlign: 'left', paddingRight: 8 }}>
                  {humanizeCategory(row)}
                </th>
                {stats.confusion[i]?.map((count, j) => (
                  <td key={j} style={{ textAlign: 'center', fontWeight: i === j ? 600 : undefined }}>
                    {count}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}

function Figure({ label, value, detail, testId }: { label: string; value: string; detail: string; testId?: string }) {
  return (
    <Stack direction="column" gap={0}>
      <Text color="secondary" variant="bodySmall">
        {label}
      </Text>
      <Text variant="h2" element="span" data-testid={testId}>
        {value}
      </Text>
      <Text color="secondary" variant="bodySmall">
        {detail}
      </Text>
    </Stack>
  );
}
