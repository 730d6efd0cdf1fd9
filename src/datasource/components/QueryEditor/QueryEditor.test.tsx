import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { selectors } from '../../selectors';
import { TraceoQuery } from '../../types';
import { loadQueryHistory, rememberQuery } from './queryHistory';
import { renderQueryEditor } from './testing/renderQueryEditor';

const q = selectors.queryEditor;

const renderEditor = (initial: Partial<TraceoQuery> = {}) =>
  renderQueryEditor({ refId: 'A', queryType: 'raw', ...initial });

// No artificial delay between keystrokes: the editors react to each change synchronously.
const user = userEvent.setup({ delay: null });

describe('QueryEditor', () => {
  beforeEach(() => window.localStorage.clear());

  it('updates the expression while typing and runs it on blur, once', async () => {
    const editor = renderEditor();

    await user.type(screen.getByLabelText(q.expr.label), 'up');
    expect(editor.lastQuery().expr).toBe('up');
    expect(editor.onRunQuery).not.toHaveBeenCalled();

    await user.click(document.body);
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);

    // Focusing and leaving again without a change does not reload the panel.
    await user.click(screen.getByLabelText(q.expr.label));
    await user.click(document.body);
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('runs on Shift+Enter without adding a new line, every time it is pressed', async () => {
    const editor = renderEditor({ expr: 'up' });

    await user.type(screen.getByLabelText(q.expr.label), '{Shift>}{Enter}{/Shift}');
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText(q.expr.label)).toHaveValue('up');

    // An explicit run is a refresh even when nothing changed.
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(editor.onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('remembers run expressions and re-runs one picked from the history', async () => {
    rememberQuery('sum(rate(http_requests_total[5m]))');
    const editor = renderEditor({ expr: 'up' });

    await user.click(screen.getByLabelText(q.expr.label));
    await user.click(document.body);
    expect(loadQueryHistory()).toEqual(['up', 'sum(rate(http_requests_total[5m]))']);

    await user.click(screen.getByRole('button', { name: q.history }));
    await user.click(await screen.findByRole('menuitem', { name: 'sum(rate(http_requests_total[5m]))' }));

    expect(editor.lastQuery().expr).toBe('sum(rate(http_requests_total[5m]))');
    expect(editor.onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('offers every query type but only lets the available ones be picked', async () => {
    const editor = renderEditor({ expr: 'up' });

    expect(screen.getByRole('radio', { name: 'Raw' })).toBeEnabled();
    expect(screen.getByRole('radio', { name: 'Anomaly' })).toBeEnabled();
    expect(screen.getByRole('radio', { name: 'Drift' })).toBeDisabled();
    expect(screen.getByText(/Root cause, Drift: coming in a later release/)).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Drift' }));
    expect(editor.onChange).not.toHaveBeenCalled();
  });

  it('explains a saved query type this release cannot run, and switches it to raw', async () => {
    const editor = renderEditor({ queryType: 'rootCause', expr: 'node_filesystem_avail_bytes' });

    expect(screen.getByTestId(q.unavailableType)).toHaveTextContent('Root cause queries are not available');
    await user.click(screen.getByRole('button', { name: 'Switch to Raw' }));

    expect(editor.lastQuery()).toMatchObject({ queryType: 'raw', expr: 'node_filesystem_avail_bytes' });
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId(q.unavailableType)).not.toBeInTheDocument();
  });

  it('switches the output mode and runs at once', async () => {
    const editor = renderEditor({ expr: 'up', output: 'panel' });

    await user.click(screen.getByRole('radio', { name: 'Alert' }));

    expect(editor.lastQuery().output).toBe('alert');
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('sets the legend and the step, and holds back an invalid step', async () => {
    const editor = renderEditor({ expr: 'up' });

    await user.type(screen.getByLabelText(q.legendFormat.label), '{{{{instance}}');
    await user.click(document.body);
    expect(editor.lastQuery().legendFormat).toBe('{{instance}}');
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);

    await user.type(screen.getByLabelText(q.step.label), '30 s');
    await user.click(document.body);
    expect(screen.getByText(/Use a Prometheus duration/)).toBeInTheDocument();
    expect(editor.onRunQuery).toHaveBeenCalledTimes(1);

    await user.clear(screen.getByLabelText(q.step.label));
    await user.type(screen.getByLabelText(q.step.label), '30s');
    await user.click(document.body);
    expect(editor.lastQuery().step).toBe('30s');
    expect(editor.onRunQuery).toHaveBeenCalledTimes(2);
  });
});
