import { WindowCounter } from './rate-limits.js';

describe('WindowCounter', () => {
  it('allows the limit per window, refuses past it with the seconds left, and counts each key on its own', () => {
    const counter = new WindowCounter(2);
    const start = 1_000_000;
    expect(counter.hit('a', start)).toBeNull();
    expect(counter.hit('a', start + 1000)).toBeNull();
    expect(counter.hit('a', start + 1500)).toBe(59);
    expect(counter.hit('b', start + 1500)).toBeNull();
    // A refused request still counts: hammering does not reopen the window early.
    expect(counter.hit('a', start + 59_500)).toBe(1);
  });

  it('opens a new window once the old one closed', () => {
    const counter = new WindowCounter(1);
    expect(counter.hit('a', 0)).toBeNull();
    expect(counter.hit('a', 10)).toBe(60);
    expect(counter.hit('a', 60_000)).toBeNull();
    expect(counter.hit('a', 60_001)).toBe(60);
  });
});
