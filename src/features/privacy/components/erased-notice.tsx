/** Shown on the home page after an erasure (the privacy page sends people to "/?erased=1" as it signs them out). */
export function ErasedNotice() {
  return (
    <div role="status" className="rounded-md border border-emerald-500 bg-emerald-50 p-4 text-sm text-emerald-900">
      Your personal data was erased and you were signed out everywhere. Providers keep only the minimal record of past appointments, as
      the privacy notice explains. Signing in again with Google starts a new, empty account.
    </div>
  );
}
