import { HttpError } from '../http';
import { pagerdutyEvents, pagerdutySchema } from './pagerduty';

const NOW = Date.UTC(2025, 0, 1, 13);

function delivery(eventType: string, data: Record<string, unknown>, resourceType = 'incident') {
  return pagerdutySchema.parse({
    event: {
      id: '01DEN5NZAGBRRYS0HVK06U4XVV',
      event_type: eventType,
      resource_type: resourceType,
      occurred_at: '2025-01-01T12:30:00.000Z',
      agent: null,
      client: null,
      data,
    },
  });
}

const incident = {
  id: 'PGR0VU2',
  type: 'incident',
  self: 'https://api.pagerduty.com/incidents/PGR0VU2',
  html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
  number: 2,
  status: 'triggered',
  incident_key: 'd3640fbd41094207a1c11e58e46b1662',
  created_at: '2025-01-01T12:00:00Z',
  title: 'A little bump in the road',
  service: { id: 'PF9KMXH', summary: 'API Service', type: 'service_reference' },
  assignees: [],
  escalation_policy: { id: 'PJNGBDU', summary: 'Default', type: 'escalation_policy_reference' },
  teams: [],
  priority: { id: 'PSO75BM', summary: 'P1' },
  urgency: 'high',
  conference_bridge: null,
  resolve_reason: null,
};

describe('pagerdutyEvents', () => {
  it('maps incident.triggered to a firing event of the PagerDuty incident', () => {
    const { events, ignored } = pagerdutyEvents(delivery('incident.triggered', incident), NOW);
    expect(ignored).toBe(0);
    expect(events).toEqual([
      {
        source: 'pagerduty',
        externalId: 'PGR0VU2',
        status: 'firing',
        observedAt: Date.UTC(2025, 0, 1, 12, 30),
        startedAt: Date.UTC(2025, 0, 1, 12),
        endedAt: null,
        title: 'A little bump in the road',
        details: {
          service: 'API Service',
          severity: 'P1',
          url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
          annotations: {
            pagerdutyStatus: 'triggered',
            lastEventType: 'incident.triggered',
            urgency: 'high',
            incidentNumber: '2',
            incidentKey: 'd3640fbd41094207a1c11e58e46b1662',
            escalationPolicy: 'Default',
          },
        },
      },
    ]);
  });

  it('keeps acknowledged incidents firing and ends resolved ones at occurred_at', () => {
    const [ack] = pagerdutyEvents(
      delivery('incident.acknowledged', { ...incident, status: 'acknowledged' }),
      NOW
    ).events;
    expect(ack.status).toBe('firing');
    const [resolved] = pagerdutyEvents(delivery('incident.resolved', { ...incident, status: 'resolved' }), NOW).events;
    expect(resolved).toMatchObject({ status: 'resolved', endedAt: Date.UTC(2025, 0, 1, 12, 30) });
  });

  it('uses the urgency as severity when the incident has no priority', () => {
    const [event] = pagerdutyEvents(delivery('incident.triggered', { ...incident, priority: null }), NOW).events;
    expect(event.details.severity).toBe('high');
  });

  it('ignores events that carry no incident', () => {
    expect(pagerdutyEvents(delivery('pagey.ping', { message: 'Hello from PagerDuty' }, 'pagey'), NOW)).toEqual({
      events: [],
      ignored: 1,
    });
    const note = { id: 'PNOTE', type: 'incident_note', content: 'x', incident: { id: 'PGR0VU2' } };
    expect(pagerdutyEvents(delivery('incident.annotated', note), NOW).ignored).toBe(1);
  });

  it('rejects incident data it cannot read with a 400 naming the field', () => {
    expect(() => pagerdutyEvents(delivery('incident.triggered', { ...incident, status: 'on fire' }), NOW)).toThrow(
      HttpError
    );
    expect(() => pagerdutyEvents(delivery('incident.triggered', { ...incident, id: 42 }), NOW)).toThrow(
      'invalid event.data: id: must be a string'
    );
  });
});
