'use client';

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="card" role="alert">
      <h2>Something went wrong</h2>
      <p>The console hit an unexpected error{error.digest ? ` (reference ${error.digest})` : ''}. Try again; if it keeps happening, send the reference to your cluster admin.</p>
      <button type="button" onClick={reset}>Try again</button>
    </section>
  );
}
