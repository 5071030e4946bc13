/** Shown while the records behind a metric are gathered. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Gathering the records…</span>
      <div className="skeleton skeleton-title" aria-hidden="true" />
      <div className="skeleton skeleton-bar" aria-hidden="true" />
      <div className="skeleton skeleton-table" aria-hidden="true" />
    </div>
  );
}
