/** Shown while the workspace list and its numbers load. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading workspaces…</span>
      <div className="skeleton skeleton-title" aria-hidden="true" />
      <div className="workspace-list" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <div key={i} className="skeleton skeleton-row" />
        ))}
      </div>
    </div>
  );
}
