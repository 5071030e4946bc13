/** Shown while the incidents list loads. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading incidents…</span>
      <div className="skeleton skeleton-title" aria-hidden="true" />
      <div className="skeleton skeleton-bar" aria-hidden="true" />
      <div className="skeleton skeleton-table" aria-hidden="true" />
    </div>
  );
}
