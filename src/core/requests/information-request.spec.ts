import { isOverdue, refusedRequestMove } from './information-request';

const NOW = new Date('2026-12-01T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('information requests', () => {
  it('is overdue only while open and past its due date', () => {
    expect(isOverdue({ state: 'open', dueAt: at(-1) }, NOW)).toBe(true);
    expect(isOverdue({ state: 'open', dueAt: at(0) }, NOW)).toBe(false);
    expect(isOverdue({ state: 'open', dueAt: at(1) }, NOW)).toBe(false);
    expect(isOverdue({ state: 'answered', dueAt: at(-1) }, NOW)).toBe(false);
    expect(isOverdue({ state: 'closed', dueAt: at(-1) }, NOW)).toBe(false);
  });

  it('answers an open request once, and closes anything not closed', () => {
    expect(refusedRequestMove('open', 'answer')).toBeNull();
    expect(refusedRequestMove('answered', 'answer')).toBe('it is answered already');
    expect(refusedRequestMove('closed', 'answer')).toBe('it is closed');
    expect(refusedRequestMove('open', 'close')).toBeNull();
    expect(refusedRequestMove('answered', 'close')).toBeNull();
    expect(refusedRequestMove('closed', 'close')).toBe('it is closed');
  });
});
