import React, { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { selectors } from '../../selectors';
import { ConfigEditor } from './ConfigEditor';
import { TraceoSettings } from './configUpdates';

const s = selectors.configEditor;

/** Field puts its description inside the label, so match the label text as a prefix. */
const labelled = (label: string) =>
  screen.getByLabelText(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
const queryLabelled = (label: string) =>
  screen.queryByLabelText(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

function settings(patch: Partial<TraceoSettings> = {}): TraceoSettings {
  return {
    id: 1,
    uid: 'traceo-ml',
    orgId: 1,
    name: 'Traceo ML',
    type: 'traceo-ml-datasource',
    typeName: 'Traceo ML',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly: false,
    withCredentials: false,
    jsonData: {},
    secureJsonFields: {},
    ...patch,
  } as TraceoSettings;
}

/** Holds the settings like Grafana's data source page does, so a test can type, switch and reset in sequence. */
function renderEditor(initial: TraceoSettings) {
  const changes: TraceoSettings[] = [];
  function Harness() {
    const [options, setOptions] = useState(initial);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(next) => {
          changes.push(next);
          setOptions(next);
        }}
      />
    );
  }
  render(<Harness />);
  return { latest: () => changes[changes.length - 1] };
}

// No artificial delay between keystrokes: the editors react to each change synchronously.
const user = userEvent.setup({ delay: null });

describe('ConfigEditor', () => {
  it('stores the Prometheus URL in jsonData and flags a URL that is not http(s)', async () => {
    const editor = renderEditor(settings());

    await user.type(labelled(s.prometheusUrl.label), 'prometheus:9090');
    expect(screen.getByText(/Enter an http:\/\/ or https:\/\/ URL/)).toBeInTheDocument();

    await user.clear(labelled(s.prometheusUrl.label));
    await user.type(labelled(s.prometheusUrl.label), 'http://prometheus:9090');
    expect(editor.latest().jsonData.prometheusUrl).toBe('http://prometheus:9090');
    expect(screen.queryByText(/Enter an http:\/\/ or https:\/\/ URL/)).not.toBeInTheDocument();
  });

  it('shows the fields of the chosen auth method only', async () => {
    const editor = renderEditor(settings());
    expect(queryLabelled(s.basicAuthPassword.label)).not.toBeInTheDocument();
    expect(queryLabelled(s.bearerToken.label)).not.toBeInTheDocument();

    await user.click(screen.getByLabelText('Basic'));
    expect(editor.latest().jsonData.authMethod).toBe('basic');
    expect(labelled(s.basicAuthUser.label)).toBeInTheDocument();
    expect(labelled(s.basicAuthPassword.label)).toBeInTheDocument();

    await user.click(screen.getByLabelText('Bearer token'));
    expect(editor.latest().jsonData.authMethod).toBe('bearer');
    expect(queryLabelled(s.basicAuthPassword.label)).not.toBeInTheDocument();
    expect(labelled(s.bearerToken.label)).toBeInTheDocument();
  });

  it('puts the basic auth password in secureJsonData only', async () => {
    const editor = renderEditor(settings({ jsonData: { authMethod: 'basic' } }));

    await user.type(labelled(s.basicAuthUser.label), 'grafana');
    await user.type(labelled(s.basicAuthPassword.label), 's3cret');

    const saved = editor.latest();
    expect(saved.jsonData.basicAuthUser).toBe('grafana');
    expect(saved.secureJsonData?.basicAuthPassword).toBe('s3cret');
    expect(JSON.stringify(saved.jsonData)).not.toContain('s3cret');
  });

  it('shows a stored bearer token as configured and resets it', async () => {
    const editor = renderEditor(
      settings({ jsonData: { authMethod: 'bearer' }, secureJsonFields: { bearerToken: true } })
    );

    expect(screen.getByDisplayValue('configured')).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Reset' }));

    const saved = editor.latest();
    expect(saved.secureJsonFields.bearerToken).toBe(false);
    expect(saved.secureJsonData?.bearerToken).toBe('');
    await user.type(labelled(s.bearerToken.label), 'tok');
    expect(editor.latest().secureJsonData?.bearerToken).toBe('tok');
  });

  it('adds custom headers with the name in jsonData and the value in secureJsonData', async () => {
    const editor = renderEditor(settings());

    await user.click(screen.getByRole('button', { name: s.addHeader }));
    await user.type(labelled(s.headerName(1).label), 'X-Scope-OrgID');
    await user.type(labelled(s.headerValue(1).label), 'tenant-1');

    const saved = editor.latest();
    expect(saved.jsonData.httpHeaderName1).toBe('X-Scope-OrgID');
    expect(saved.secureJsonData?.httpHeaderValue1).toBe('tenant-1');
    expect(JSON.stringify(saved.jsonData)).not.toContain('tenant-1');
  });

  it('keeps stored headers in their slots, removes one completely and allows at most five', async () => {
    const editor = renderEditor(
      settings({
        jsonData: { httpHeaderName1: 'X-A', httpHeaderName3: 'X-C' },
        secureJsonFields: { httpHeaderValue1: true, httpHeaderValue3: true },
      })
    );
    expect(labelled(s.headerName(1).label)).toHaveValue('X-A');
    expect(labelled(s.headerName(3).label)).toHaveValue('X-C');

    await user.click(screen.getByRole('button', { name: s.removeHeader(1) }));
    const saved = editor.latest();
    expect(saved.jsonData).not.toHaveProperty('httpHeaderName1');
    expect(saved.secureJsonFields.httpHeaderValue1).toBe(false);
    expect(saved.secureJsonData?.httpHeaderValue1).toBe('');
    expect(saved.jsonData.httpHeaderName3).toBe('X-C');

    const add = screen.getByRole('button', { name: s.addHeader });
    for (let i = 0; i < 4; i++) {
      await user.click(add);
    }
    expect(labelled(s.headerName(5).label)).toBeInTheDocument();
    expect(add).toBeDisabled();
  });

  it('asks for the CA certificate only when verifying with a custom CA, and keeps it secret', async () => {
    const editor = renderEditor(settings());
    expect(queryLabelled(s.tlsCACert.label)).not.toBeInTheDocument();

    await user.click(labelled(s.tlsWithCACert.label));
    expect(editor.latest().jsonData.tlsWithCACert).toBe(true);
    await user.type(labelled(s.tlsCACert.label), '-----BEGIN CERTIFICATE-----');

    expect(editor.latest().secureJsonData?.tlsCACert).toBe('-----BEGIN CERTIFICATE-----');
    expect(JSON.stringify(editor.latest().jsonData)).not.toContain('BEGIN CERTIFICATE');
  });

  it('stores limits as numbers and drops an emptied one so the default applies', async () => {
    const editor = renderEditor(settings({ jsonData: { timeoutSeconds: 30 } }));

    await user.type(labelled(s.maxSeries.label), '500');
    expect(editor.latest().jsonData.maxSeries).toBe(500);

    await user.clear(labelled(s.timeoutSeconds.label));
    expect(editor.latest().jsonData).not.toHaveProperty('timeoutSeconds');
  });

  it('keeps incremental querying on by default and stores it off when switched off', async () => {
    const editor = renderEditor(settings());
    const toggle = labelled(s.incrementalQuerying.label) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await user.click(toggle);
    expect(editor.latest().jsonData.incrementalQuerying).toBe(false);
  });

  it('stores the overlap window as typed and drops an emptied one so the default applies', async () => {
    const editor = renderEditor(settings({ jsonData: { incrementalQueryOverlapWindow: '5m' } }));
    const input = labelled(s.incrementalQueryOverlapWindow.label);
    await user.clear(input);
    expect(editor.latest().jsonData).not.toHaveProperty('incrementalQueryOverlapWindow');
    await user.type(input, '30m');
    expect(editor.latest().jsonData.incrementalQueryOverlapWindow).toBe('30m');
  });

  it('sets TLS skip-verify in jsonData', async () => {
    const editor = renderEditor(settings());
    await user.click(labelled(s.tlsSkipVerify.label));
    expect(editor.latest().jsonData.tlsSkipVerify).toBe(true);
  });
  it('keeps the incident store on SQLite by default and drops an emptied path so the default location applies', async () => {
    const editor = renderEditor(settings());
    expect(queryLabelled(s.postgresDsn.label)).not.toBeInTheDocument();

    await user.type(labelled(s.sqlitePath.label), '/data/incidents.sqlite');
    expect(editor.latest().jsonData.sqlitePath).toBe('/data/incidents.sqlite');
    await user.clear(labelled(s.sqlitePath.label));
    expect('sqlitePath' in editor.latest().jsonData).toBe(false);
  });

  it('sets the audit retention in whole days and drops an emptied one so the default applies', async () => {
    const editor = renderEditor(settings());
    expect(labelled(s.auditRetentionDays.label)).toHaveAttribute('placeholder', '365');
    await user.type(labelled(s.auditRetentionDays.label), '90');
    expect(editor.latest().jsonData.auditRetentionDays).toBe(90);
    await user.clear(labelled(s.auditRetentionDays.label));
    expect('auditRetentionDays' in editor.latest().jsonData).toBe(false);
  });

  it('puts the PostgreSQL password and the webhook token in secureJsonData only', async () => {
    const editor = renderEditor(settings());

    await user.click(screen.getByLabelText('PostgreSQL'));
    expect(editor.latest().jsonData.storage).toBe('postgres');
    expect(queryLabelled(s.sqlitePath.label)).not.toBeInTheDocument();
    await user.type(labelled(s.postgresDsn.label), 'postgres://traceo@db:5432/traceo');
    await user.type(labelled(s.postgresPassword.label), 'pg-s3cret');
    await user.type(labelled(s.webhookToken.label), 'hook-s3cret');

    const saved = editor.latest();
    expect(saved.jsonData.postgresDsn).toBe('postgres://traceo@db:5432/traceo');
    expect(saved.secureJsonData?.postgresPassword).toBe('pg-s3cret');
    expect(saved.secureJsonData?.webhookToken).toBe('hook-s3cret');
    expect(JSON.stringify(saved.jsonData)).not.toMatch(/s3cret/);
  });
});
