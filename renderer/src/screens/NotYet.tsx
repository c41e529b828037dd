/** An honest placeholder for a screen whose feature is not built yet. */
export function NotYet({ title, what }: { title: string; what: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="not-yet">
        <strong>Not available yet.</strong> {what}
      </p>
    </>
  );
}
