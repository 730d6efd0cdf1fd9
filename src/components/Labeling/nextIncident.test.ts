import { neighbour, nextUnanswered } from './nextIncident';
import { makeIncident } from './testFixtures';

describe('queue navigation', () => {
  const queue = [
    makeIncident('a', {}, { reviewers: ['alice'], state: 'partial' }),
    makeIncident('b'),
    makeIncident('c', {}, { skippedBy: ['alice'] }),
    makeIncident('d'),
  ];

  it('moves to the next item the reviewer has not answered, wrapping around', () => {
    expect(nextUnanswered(queue, 'b', 'alice')).toBe('d');
    expect(nextUnanswered(queue, 'd', 'alice')).toBe('b');
    expect(nextUnanswered(queue, undefined, 'alice')).toBe('b');
    expect(nextUnanswered(queue, undefined, 'bob')).toBe('a');
  });

  it('stays put when everything is answered', () => {
    const done = queue.map((incident) => makeIncident(incident.id, {}, { reviewers: ['bob'] }));
    expect(nextUnanswered(done, 'c', 'bob')).toBe('c');
  });

  it('steps to neighbours and stops at the ends', () => {
    expect(neighbour(queue, 'b', 1)).toBe('c');
    expect(neighbour(queue, 'b', -1)).toBe('a');
    expect(neighbour(queue, 'a', -1)).toBe('a');
    expect(neighbour(queue, 'd', 1)).toBe('d');
  });
});
