/** Shown while a workspace's metrics are computed. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Computing metrics…</span>
      <div className="skeleton skeleton-title" aria-hidden="true" />
      <div className="skeleton skeleton-bar" aria-hidden="true" />
      <div className="metric-grid" aria-hidden="true">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <div key={i} className="skeleton skeleton-card" />
        ))}
      </div>
    </div>
  );
}
