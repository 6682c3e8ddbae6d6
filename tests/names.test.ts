// The order of names in sorted output (src/names.ts compareText): the summary's members and
// roles, the findings' rule ids, the config digest's option keys.
import { describe, expect, it } from 'vitest';
import { compareText } from '../src/names.js';

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
