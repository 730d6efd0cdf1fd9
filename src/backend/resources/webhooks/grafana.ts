/**
 * Grafana Alerting's webhook contact point: Alertmanager's payload plus Grafana's extras (`values`,
 * `valueString`, dashboard and panel links). The "Test" button of a contact point sends a synthetic alert
 * (alertname TestAlert, instance Grafana); it proves the connection and is not recorded as an incident.
 */
import { z } from 'zod';

import { alertEvent, alertmanagerSchema, alertSchema } from './alertmanager';
import { stringMap, text } from '../validation';
import type { ParsedWebhook } from './parsed-webhook';

const grafanaAlertSchema = alertSchema.extend({
  values: z
    .record(z.string(), z.union([z.number(), z.null()]))
    .nullable()
    .optional(),
  valueString: text(65536).optional(),
  dashboardURL: text(4096).optional(),
  panelURL: text(4096).optional(),
  silenceURL: text(4096).optional(),
  imageURL: text(4096).optional(),
});

export const grafanaSchema = alertmanagerSchema.extend({
  orgId: z.number().optional(),
  state: text(32).optional(),
  title: text(4096).optional(),
  message: text(1_000_000).optional(),
  commonLabels: stringMap(200, 4096).optional(),
  alerts: z
    .array(grafanaAlertSchema, { error: 'must be a list of alerts' })
    .max(10_000, { error: 'at most 10000 alerts' }),
});

function isTestNotification(alert: z.infer<typeof grafanaAlertSchema>): boolean {
  return alert.labels.alertname === 'TestAlert' && alert.labels.instance === 'Grafana';
}

export function grafanaEvents(payload: z.infer<typeof grafanaSchema>, now: number): ParsedWebhook {
  const real = payload.alerts.filter((alert) => !isTestNotification(alert));
  return {
    events: real.map((alert) => {
      const extras: Record<string, string> = {};
      if (alert.valueString) {
        extras.valueString = alert.valueString;
      }
      if (alert.dashboardURL) {
        extras.dashboardURL = alert.dashboardURL;
      }
      if (alert.panelURL) {
        extras.panelURL = alert.panelURL;
      }
      return alertEvent(alert, 'grafana', now, extras);
    }),
    ignored: payload.alerts.length - real.length,
  };
}
