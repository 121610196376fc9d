/** A failed load, with the server's message (its error code when it sent one). */
export function ErrorBanner({ error, what }: { error: Error | undefined; what?: string }) {
  if (!error) return null;
  const code = (error as { code?: string }).code;
  return (
    <div className="error-banner" role="alert">
      <strong>{what ? `Could not load ${what}` : 'Something went wrong'}</strong>
      {code ? <span className="code">{code}</span> : null}
      <span>{error.message}</span>
    </div>
  );
}
