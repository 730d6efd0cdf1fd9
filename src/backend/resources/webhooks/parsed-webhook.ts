import type { IncidentEvent } from 'backend/store/store';

/** What a webhook payload amounts to: incident events, plus deliveries that carry no incident. */
export interface ParsedWebhook {
  events: IncidentEvent[];
  ignored: number;
}
