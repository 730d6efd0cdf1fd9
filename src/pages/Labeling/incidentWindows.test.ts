import { makeIncident } from 'components/Labeling/testFixtures';

import { incidentWindows } from './incidentWindows';

describe('incidentWindows', () => {
  it('gives the hour before, the incident and the hour after', () => {
    const incident = makeIncident('a');
    const [before, during, after] = incidentWindows(incident, incident.endedAt! + 2 * 3_600_000);
    expect(before).toEqual({ title: 'Hour before', from: incident.startedAt - 3_600_000, to: incident.startedAt });
    expect(during).toEqual({ title: 'During', from: incident.startedAt, to: incident.endedAt });
    expect(after).toEqual({ title: 'Hour after', from: incident.endedAt, to: incident.endedAt! + 3_600_000 });
  });

  it('runs a firing incident to now and has no hour after', () => {
    const incident = makeIncident('a', { endedAt: null, status: 'firing' });
    const now = incident.startedAt + 10 * 60_000;
    const windows = incidentWindows(incident, now);
    expect(windows.map((w) => w.title)).toEqual(['Hour before', 'During']);
    expect(windows[1].to).toBe(now);
  });
});
