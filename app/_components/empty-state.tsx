import Link from "next/link";

/** A workspace without any activity yet: what to run to fill it. */
export function NoDataYet({ slug }: { slug: string }) {
  return (
    <section className="card empty-state" aria-labelledby="no-data-title">
      <h2 id="no-data-title">No data in this workspace yet</h2>
      <p className="muted">
        The metrics need deployments, pull requests, commits or incidents. Bring them in from a terminal in the
        Altimeter checkout:
      </p>
      <ol>
        <li>
          Import a file in the event format (NDJSON or CSV, see <code>lib/events/FORMAT.md</code>):{" "}
          <code>npx altimeter import events.ndjson --workspace {slug}</code>
        </li>
        <li>
          Or check what is missing: <code>npx altimeter doctor --workspace {slug}</code>
        </li>
      </ol>
      <p className="muted">
        Then reload this page. To look around first, open the{" "}
        <Link prefetch={false} href="/w/demo">
          demo workspace
        </Link>{" "}
        (create it with <code>npx altimeter demo</code>).
      </p>
    </section>
  );
}

/** No workspaces at all in this instance. */
export function NoWorkspaces() {
  return (
    <section className="card empty-state" aria-labelledby="empty-title">
      <h1 id="empty-title">No workspaces yet</h1>
      <p className="muted">
        A workspace holds one organisation&apos;s deployments, pull requests and incidents. Create one from a terminal
        in this checkout:
      </p>
      <ul>
        <li>
          <code>npx altimeter demo</code> <span className="muted">for a generated demo organisation, or</span>
        </li>
        <li>
          <code>npx altimeter import FILE --workspace SLUG</code>{" "}
          <span className="muted">for your own data (format: lib/events/FORMAT.md)</span>
        </li>
      </ul>
      <p className="muted">Then reload this page.</p>
    </section>
  );
}

/** A table with no rows for the filters: says so and how to widen them. */
export function NoRows({ what, hint }: { what: string; hint: string }) {
  return (
    <p className="card empty-inline">
      No {what} for these filters. {hint}
    </p>
  );
}
