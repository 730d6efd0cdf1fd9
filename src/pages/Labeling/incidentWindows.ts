import { Incident } from 'contract/resources';

const HOUR = 60 * 60 * 1000;

export interface IncidentWindow {
  title: string;
  from: number;
  to: number;
}

/**
 * The three windows a reviewer compares: the hour before the start, the incident itself and the hour after
 * its end. A firing incident has no end yet, so "during" runs to now and there is no "after".
 */
export function incidentWindows(incident: Incident, now: number = Date.now()): IncidentWindow[] {
  const end = incident.endedAt ?? now;
  const windows: IncidentWindow[] = [
    { title: 'Hour before', from: incident.startedAt - HOUR, to: incident.startedAt },
    { title: 'During', from: incident.startedAt, to: Math.max(end, incident.startedAt + 60_000) },
  ];
  if (incident.endedAt !== null && incident.endedAt < now) {
    windows.push({ title: 'Hour after', from: incident.endedAt, to: Math.min(incident.endedAt + HOUR, now) });
  }
  return windows;
}
