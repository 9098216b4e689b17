import { describe, expect, it } from 'vitest';
import { parseNotes } from './notes.ts';

describe('parseNotes', () => {
  it('returns the notes of a valid body', () => {
    expect(parseNotes({ sub: 'user-alice', notes: ['a', 'b'] })).toEqual(['a', 'b']);
  });

  it('names the wrong field', () => {
    expect(() => parseNotes('<html>')).toThrow(new TypeError('notes response: notes must be an array'));
    expect(() => parseNotes({ notes: ['a', 2] })).toThrow(new TypeError('notes response: notes[1] must be a string'));
  });
});
