import React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { locationService } from '@grafana/runtime';

import { fakeLabelingApi } from './fakeLabelingApi';
import { LabelingApi } from './labelingApi';
import { labelingTestIds } from './labelingTestIds';
import { LabelingWorkbench } from './LabelingWorkbench';
import { makeAgreement, makeAnomaly, makeIncident } from './testFixtures';

function renderWorkbench(api: LabelingApi) {
  return render(
    <LabelingWorkbench
      api={api}
      login="alice"
      emptyState={<p>connect a webhook</p>}
      anomalyEmptyState={<p>no anomalies detected</p>}
      renderAnomalyPanel={(anomaly) => <p data-testid="panel">panel for {anomaly.id}</p>}
    />
  );
}

/** Opens the page on the anomaly queue through its link, as a shared URL would. */
async function openAnomalies(api: LabelingApi) {
  locationService.replace('/labeling?kind=anomalies');
  renderWorkbench(api);
  await screen.findByTestId(labelingTestIds.form);
}

describe('LabelingWorkbench, anomalies', () => {
  // Before, not after: the URL must not change under a still mounted page (Testing Library unmounts after us).
  beforeEach(() => locationService.replace('/'));

  it('switches to the anomaly queue with n, keeps it in the URL and back to incidents with i', async () => {
    const api = fakeLabelingApi([makeIncident('inc-1')], [makeAnomaly('an-1')]);
    const user = userEvent.setup();
    renderWorkbench(api);
    await screen.findByTestId(labelingTestIds.incident);

    await user.keyboard('n');

    const anomaly = await screen.findByTestId(labelingTestIds.anomaly);
    expect(anomaly).toHaveTextContent('http_latency_seconds{instance="an-1", job="checkout"}');
    expect(anomaly).toHaveTextContent('Score 91 · critical');
    expect(anomaly).toHaveTextContent('shift, isolationForest');
    expect(screen.getByTestId('panel')).toHaveTextContent('panel for an-1');
    expect(locationService.getSearchObject().kind).toBe('anomalies');
    expect(screen.getByRole('radio', { name: 'Anomalies (n)' })).toBeChecked();

    await user.keyboard('i');
    expect(await screen.findByTestId(labelingTestIds.incident)).toBeInTheDocument();
    expect(locationService.getSearchObject().kind).toBeUndefined();
  });

  it('labels an anomaly false alarm with the keyboard, with a note, and moves on', async () => {
    const api = fakeLabelingApi([], [makeAnomaly('an-1'), makeAnomaly('an-2')]);
    const user = userEvent.setup();
    await openAnomalies(api);

    await user.keyboard('f');
    expect(screen.getByRole('radio', { name: /False alarm/ })).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('c');
    expect(screen.getByPlaceholderText('note')).toHaveFocus();
    await user.keyboard('deploy at noon{Escape}m{Enter}');

    await waitFor(() =>
      expect(api.labelAnomaly).toHaveBeenCalledWith('an-1', {
        verdict: 'false_alarm',
        confidence: 'medium',
        note: 'deploy at noon',
      })
    );
    expect(await screen.findByTestId(labelingTestIds.formStatus)).toHaveTextContent(/Saved false alarm \(medium\)/);
    await waitFor(() => expect(screen.getByTestId(labelingTestIds.anomaly)).toHaveTextContent('an-2'));
    expect(screen.getByTestId(labelingTestIds.progressValue('Mine'))).toHaveTextContent('1 / 2');
    expect(screen.getByTestId(labelingTestIds.queueItem('an-1'))).toHaveTextContent('Needs a 2nd review');
  });

  it('picks verdicts with digits too, says what is missing, skips with s and navigates with j', async () => {
    const api = fakeLabelingApi([], [makeAnomaly('an-1'), makeAnomaly('an-2')]);
    const user = userEvent.setup();
    await openAnomalies(api);

    await user.keyboard('1{Enter}');
    expect(screen.getByRole('radio', { name: /True anomaly/ })).toHaveAttribute('aria-checked', 'true');
    expect(await screen.findByText(/Pick a confidence/)).toBeInTheDocument();
    expect(api.labelAnomaly).not.toHaveBeenCalled();

    await user.keyboard('j');
    expect(screen.getByTestId(labelingTestIds.anomaly)).toHaveTextContent('an-2');
    await user.keyboard('s');
    await waitFor(() => expect(api.labelAnomaly).toHaveBeenCalledWith('an-2', { skip: true }));
  });

  it('shows the anomaly disagreements and agreement, and opens a disagreement in the queue', async () => {
    const api = fakeLabelingApi([], [makeAnomaly('an-1'), makeAnomaly('an-2')]);
    api.listDisagreements.mockImplementation(async (kind) =>
      kind === 'anomaly'
        ? [
            {
              kind: 'anomaly',
              itemId: 'an-2',
              title: 'latency on checkout',
              answers: [
                { reviewer: 'alice', category: 'true_anomaly', confidence: 'high', note: null, updatedAt: 0 },
                { reviewer: 'bob', category: 'false_alarm', confidence: 'low', note: 'deploy', updatedAt: 0 },
              ],
            },
          ]
        : []
    );
    api.getAgreement.mockResolvedValue(
      makeAgreement({ kind: 'anomaly', labeledItems: 4, pairedItems: 4, agreedItems: 3, percentAgreement: 0.75 })
    );
    const user = userEvent.setup();
    await openAnomalies(api);
    expect(api.getAgreement).toHaveBeenCalledWith('anomaly');

    await user.keyboard('d');
    const list = screen.getByTestId(labelingTestIds.disagreements);
    expect(list).toHaveTextContent('false alarm');
    await user.click(within(list).getByRole('button', { name: /Review/ }));
    expect(screen.getByTestId(labelingTestIds.anomaly)).toHaveTextContent('an-2');

    await user.keyboard('a');
    expect(screen.getByTestId(labelingTestIds.percentAgreement)).toHaveTextContent('75%');
  });

  it('shows the anomaly empty state, and the switch still works from an empty incident queue', async () => {
    const api = fakeLabelingApi([], []);
    const user = userEvent.setup();
    renderWorkbench(api);
    expect(await screen.findByTestId(labelingTestIds.empty)).toHaveTextContent('connect a webhook');

    await user.keyboard('n');

    await waitFor(() => expect(screen.getByTestId(labelingTestIds.empty)).toHaveTextContent('no anomalies detected'));
  });

  it('shows the error state with a retry when the anomalies cannot be loaded', async () => {
    const api = fakeLabelingApi([], [makeAnomaly('an-1')]);
    api.listAnomalies.mockRejectedValueOnce(new Error('no such table: anomalies'));
    const user = userEvent.setup();
    locationService.replace('/labeling?kind=anomalies');
    renderWorkbench(api);

    expect(await screen.findByTestId(labelingTestIds.error)).toHaveTextContent('no such table: anomalies');
    await user.click(screen.getByRole('button', { name: /Retry/ }));
    expect(await screen.findByTestId(labelingTestIds.anomaly)).toBeInTheDocument();
  });
});
