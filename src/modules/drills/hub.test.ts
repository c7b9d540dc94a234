/** The live hub's one rule about order: every delivery once per connection, even when commits come out of order. */
import { describe, expect, it } from 'vitest';
import { firstSend, type PlayerConn } from './hub.js';

const conn = (lastSeq = 0): PlayerConn => ({
  kind: 'player',
  exerciseId: 'e',
  teamId: 't',
  timeZone: 'UTC',
  sink: { write: () => true, onClose: () => {} } as unknown as PlayerConn['sink'],
  lastSeq,
  sent: new Set(),
  ready: true,
  held: [],
});

describe('firstSend', () => {
  it('passes a seq below the highest one sent (a transaction that committed later), and never one twice', () => {
    const c = conn();
    expect(firstSend(c, 12)).toBe(true);
    expect(firstSend(c, 11)).toBe(true);
    expect(c.lastSeq).toBe(12);
    expect(firstSend(c, 12)).toBe(false);
    expect(firstSend(c, 11)).toBe(false);
    expect(firstSend(c, 13)).toBe(true);
    expect(c.lastSeq).toBe(13);
  });
});
