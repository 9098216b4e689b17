/** Validates the API's `GET /api/notes` body, `{ sub, notes: string[] }`; throws a `TypeError` naming the wrong field. */
export function parseNotes(body: unknown): string[] {
  const list: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'notes') : undefined;
  if (!Array.isArray(list)) throw new TypeError('notes response: notes must be an array');
  return list.map((item: unknown, index) => {
    if (typeof item !== 'string') throw new TypeError(`notes response: notes[${String(index)}] must be a string`);
    return item;
  });
}
