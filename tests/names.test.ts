// src/names.ts: the order of names in sorted output (compareText: the summary's members and
// roles, the findings' rule ids, the config digest's option keys), and CappedMap, the memo of names.
import { describe, expect, it } from 'vitest';
import { CappedMap, compareText } from '../src/names.js';

describe('compareText', () => {
  it('sorts names case-insensitively, as people read them', () => {
    expect(['carol', 'Bob', 'alice', 'dana-2', 'dana-10'].sort(compareText)).toEqual([
      'alice',
      'Bob',
      'carol',
      'dana-10',
      'dana-2',
    ]);
  });

  it('puts a shorter name before its longer forms, hyphens before letters and digits', () => {
    expect(['owner-role', 'owner', 'owner-capacity', 'owner2'].sort(compareText)).toEqual([
      'owner',
      'owner-capacity',
      'owner-role',
      'owner2',
    ]);
  });

  it('orders names that differ only in case the same way every time (a total order)', () => {
    expect(['bob', 'Bob', 'BOB'].sort(compareText)).toEqual(['BOB', 'Bob', 'bob']);
    expect(compareText('Bob', 'Bob')).toBe(0);
  });
});

describe('CappedMap', () => {
  it('starts over past its cap, but not for a key it holds', () => {
    const m = new CappedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    m.set('b', 3); // held: no reset
    expect([...m]).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
    m.set('c', 4); // a third key: the memo starts over
    expect([...m]).toEqual([['c', 4]]);
  });
});
