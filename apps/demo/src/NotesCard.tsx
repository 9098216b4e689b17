import { useQuery } from '@tanstack/react-query';
import { readJson, useAuthQueryOptions } from '@ropc-kit/react';
import { parseNotes } from './notes.ts';
import { failureText } from './errorText.ts';

function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Protected data from the API, loaded with TanStack Query through the kit's authenticated fetch. */
export function NotesCard({ apiUrl }: { apiUrl: string }) {
  const notes = useQuery(
    useAuthQueryOptions({
      // Scoped by the kit to the signed-in user's sub: another user never sees this entry.
      queryKey: ['notes'],
      queryFn: async ({ fetch }) => parseNotes(await readJson(await fetch(`${apiUrl}/api/notes`))),
    }),
  );

  return (
    <section className="card notes-card" aria-labelledby="notes-title" aria-busy={notes.isFetching}>
      <div className="card-head">
        <h2 id="notes-title">Protected notes</h2>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void notes.refetch()}
          disabled={notes.isFetching}
        >
          {notes.isFetching ? 'Loading…' : 'Reload notes'}
        </button>
      </div>
      <p className="muted">
        From <code>GET {apiUrl}/api/notes</code>, which checks the access token with the IdP on every request.
      </p>
      {notes.isError && (
        <p className="error" role="alert">
          {failureText('Could not load the notes', notes.error)}
        </p>
      )}
      {notes.data !== undefined && (
        <>
          <ul className="notes" data-testid="notes">
            {notes.data.map((note, index) => (
              // The API's notes have no id; their order is stable.
              <li key={index}>{note}</li>
            ))}
          </ul>
          <p className="muted" data-testid="notes-updated" data-updated-at={notes.dataUpdatedAt} role="status">
            Loaded at {formatTime(notes.dataUpdatedAt)}
          </p>
        </>
      )}
      {notes.isPending && !notes.isError && <p className="muted">Loading notes…</p>}
    </section>
  );
}
