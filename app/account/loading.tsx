/** Shown while the sessions load. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading your sessions…</span>
      <div className="skeleton skeleton-title" aria-hidden="true" />
      <div className="skeleton skeleton-table" aria-hidden="true" />
    </div>
  );
}
