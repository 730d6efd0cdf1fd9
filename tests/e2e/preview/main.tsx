import React from 'react';
import { createRoot } from 'react-dom/client';

import { createTheme } from '@grafana/data';
import { setBackendSrv } from '@grafana/runtime';
import { ThemeContext } from '@grafana/ui';

import { createLabelingApi } from 'components/Labeling/labelingApi';
import { LabelingWorkbench } from 'components/Labeling/LabelingWorkbench';

import { fetchBackendSrv, PreviewIdentity } from './fetchBackendSrv';

/**
 * The labeling UI outside Grafana: the real components, @grafana/ui and theme, talking to the real backend
 * through the conformance host. `?user=<login>&role=<role>&ds=<uid>` pick the reviewer and the data source.
 */
const params = new URLSearchParams(window.location.search);
const identity: PreviewIdentity = {
  login: params.get('user') ?? 'reviewer-a',
  role: (params.get('role') as PreviewIdentity['role'] | null) ?? 'Editor',
};
setBackendSrv(fetchBackendSrv(identity));
const api = createLabelingApi(params.get('ds') ?? 'traceo-ml');
const theme = createTheme({ colors: { mode: params.get('theme') === 'light' ? 'light' : 'dark' } });

document.body.style.background = theme.colors.background.canvas;
document.body.style.color = theme.colors.text.primary;
document.body.style.fontFamily = theme.typography.fontFamily;
document.body.style.fontSize = `${theme.typography.fontSize}px`;

createRoot(document.getElementById('root')!).render(
  <ThemeContext.Provider value={theme}>
    <main style={{ padding: 24 }}>
      <h1 style={{ fontSize: 22, marginTop: 0 }}>Labeling — signed in as {identity.login}</h1>
      <LabelingWorkbench
        api={api}
        login={identity.login}
        emptyState={<p data-testid="preview-empty">No incidents yet: post one to a webhook route.</p>}
        anomalyEmptyState={<p data-testid="preview-empty">No anomalies yet: post one to the anomalies route.</p>}
      />
    </main>
  </ThemeContext.Provider>
);
