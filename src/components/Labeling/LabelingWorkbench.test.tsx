import React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { fakeLabelingApi as fakeApi } from './fakeLabelingApi';
import { LabelingApi } from './labelingApi';
import { labelingTestIds } from './labelingTestIds';
import { LabelingWorkbench } from './LabelingWorkbench';
import { makeAgreement, makeIncident } from './testFixtures';

function renderWorkbench(api: LabelingApi) {
  return render(
    <LabelingWorkbench
      api={api}
      login="alice"
      emptyState={<p>connect a webhook</p>}
      anomalyEmptyState={<p>no anomalies</p>}
    />
  );
}

describe('LabelingWorkbench', () => {
  it('labels an incident with the keyboard only and moves on to the next one', async () => {
    const api = fakeApi([makeIncident('inc-1'), makeIncident('inc-2')]);
    const user = userEvent.setup();
    renderWorkbench(api);

    const incident = await screen.findByTestId(labelingTestIds.incident);
    expect(incident).toHaveTextContent('Checkout latency inc-1');

    await user.keyboard('2');
    expect(screen.getByRole('radio', { name: /database slow/ })).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('c');
    expect(screen.getByPlaceholderText('component')).toHaveFocus();
    await user.keyboard('orders-db{Escape}h{Enter}');

    await waitFor(() =>
      expect(api.labelIncident).toHaveBeenCalledWith('inc-1', {
        rootCause: 'database_slow',
        confidence: 'high',
        component: 'orders-db',
      })
    );
    expect(await screen.findByTestId(labelingTestIds.formStatus)).toHaveTextContent(/Saved database slow \(high\)/);
    await waitFor(() => expect(screen.getByTestId(labelingTestIds.incident)).toHaveTextContent('inc-2'));
    expect(screen.getByTestId(labelingTestIds.progressValue('Mine'))).toHaveTextContent('1 / 2');
    expect(screen.getByTestId(labelingTestIds.progressValue('Labeled'))).toHaveTextContent('1 / 2');
  });

  it('refuses to save without a confidence and says what is missing', async () => {
    const api = fakeApi([makeIncident('inc-1')]);
    const user = userEvent.setup();
    renderWorkbench(api);
    await screen.findByTestId(labelingTestIds.form);

    await user.keyboard('1{Enter}');

    expect(await screen.findByText(/Pick a confidence/)).toBeInTheDocument();
    expect(api.labelIncident).not.toHaveBeenCalled();
  });

  it('skips with s and navigates with j / k', async () => {
    const api = fakeApi([makeIncident('inc-1'), makeIncident('inc-2'), makeIncident('inc-3')]);
    const user = userEvent.setup();
    renderWorkbench(api);
    await screen.findByTestId(labelingTestIds.form);

    await user.keyboard('j');
    expect(screen.getByTestId(labelingTestIds.incident)).toHaveTextContent('inc-2');
    await user.keyboard('k');
    expect(screen.getByTestId(labelingTestIds.incident)).toHaveTextContent('inc-1');
    await user.keyboard('s');

    await waitFor(() => expect(api.labelIncident).toHaveBeenCalledWith('inc-1', { skip: true }));
  });

  it('shows the server message when a save fails', async () => {
    const api = fakeApi([makeIncident('inc-1')]);
    api.labelIncident.mockRejectedValueOnce(new Error('Editors label; your role is Viewer'));
    const user = userEvent.setup();
    renderWorkbench(api);
    await screen.findByTestId(labelingTestIds.form);

    await user.keyboard('1m{Enter}');

    expect(await screen.findByText('Editors label; your role is Viewer')).toBeInTheDocument();
  });

  it('switches to the disagreement and agreement views with d and a', async () => {
    const api = fakeApi([makeIncident('inc-1', {}, { state: 'disagreement', reviewers: ['alice', 'bob'] })]);
    api.listDisagreements.mockResolvedValue([
      {
        kind: 'incident',
        itemId: 'inc-1',
        title: 'Checkout latency inc-1',
        answers: [
          { reviewer: 'alice', category: 'memory_leak', confidence: 'high', note: null, updatedAt: 0 },
          { reviewer: 'bob', category: 'disk_full', confidence: 'low', note: null, updatedAt: 0 },
        ],
      },
    ]);
    api.getAgreement.mockResolvedValue(
      makeAgreement({ labeledItems: 2, pairedItems: 2, agreedItems: 1, percentAgreement: 0.5, cohensKappa: 0.2 })
    );
    const user = userEvent.setup();
    renderWorkbench(api);
    await screen.findByTestId(labelingTestIds.form);

    await user.keyboard('d');
    const list = screen.getByTestId(labelingTestIds.disagreements);
    expect(within(list).getByText('bob')).toBeInTheDocument();
    expect(list).toHaveTextContent('disk full');

    await user.keyboard('a');
    expect(screen.getByTestId(labelingTestIds.kappa)).toHaveTextContent('0.20');
    expect(screen.getByTestId(labelingTestIds.percentAgreement)).toHaveTextContent('50%');
    expect(screen.getByTestId(labelingTestIds.agreement)).toHaveTextContent('slight agreement');
  });

  it('opens the shortcut help with ?', async () => {
    const api = fakeApi([makeIncident('inc-1')]);
    const user = userEvent.setup();
    renderWorkbench(api);
    await screen.findByTestId(labelingTestIds.form);

    await user.keyboard('?');

    expect(await screen.findByTestId(labelingTestIds.help)).toHaveTextContent('Next / previous item');
  });

  it('shows the empty state without incidents and the error state with a retry', async () => {
    const empty = fakeApi([]);
    const { unmount } = renderWorkbench(empty);
    expect(await screen.findByTestId(labelingTestIds.empty)).toHaveTextContent('connect a webhook');
    unmount();

    const failing = fakeApi([makeIncident('inc-1')]);
    failing.listIncidents.mockRejectedValueOnce(new Error('database is locked'));
    const user = userEvent.setup();
    renderWorkbench(failing);
    expect(await screen.findByTestId(labelingTestIds.error)).toHaveTextContent('database is locked');
    await user.click(screen.getByRole('button', { name: /Retry/ }));
    expect(await screen.findByTestId(labelingTestIds.form)).toBeInTheDocument();
  });
});
