import Link from "next/link";
import type { AuditPage } from "@/lib/service/audit-log";
import { formatTime } from "./format";
import { Pagination } from "./pagination";

/** The filters of an audit log page, as in its address. */
export interface AuditFilters {
  workspace?: string;
  actor?: string;
  action?: string;
}

function href(base: string, filters: AuditFilters, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (page > 1) q.set("page", String(page));
  return q.size ? `${base}?${q}` : base;
}

/**
 * Who did what and when, newest first, a page at a time: filter by actor
 * (part of it), action (or its family) and, for an admin, the workspace.
 */
export function AuditLog({
  log,
  base,
  filters,
  workspaces,
}: {
  log: AuditPage;
  /** The page's own path. */
  base: string;
  filters: AuditFilters;
  /** For the instance admin's log: the workspaces to filter on. */
  workspaces?: { slug: string; name: string }[];
}) {
  const filtered = Boolean(filters.actor || filters.action || filters.workspace);
  return (
    <>
      <form className="filter-form audit-filters" method="get" action={base} aria-label="Filter the audit log">
        {workspaces && (
          <label className="field">
            <span>Workspace</span>
            <select name="workspace" defaultValue={filters.workspace ?? ""}>
              <option value="">all</option>
              <option value="instance">instance (sign-ins, users)</option>
              {workspaces.map((w) => (
                <option key={w.slug} value={w.slug}>
                  {w.slug}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>Actor</span>
          <input name="actor" defaultValue={filters.actor ?? ""} placeholder="user:ana@…, token:3, cli" />
        </label>
        <label className="field">
          <span>Action</span>
          <select name="action" defaultValue={filters.action ?? ""}>
            <option value="">all</option>
            {[...new Set(log.actions.map((a) => a.split(".")[0]!))]
              .filter((family) => !log.actions.includes(family))
              .map((family) => (
                <option key={family} value={family}>
                  {family}.*
                </option>
              ))}
            {log.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Filter
        </button>
        {filtered && (
          <Link prefetch={false} className="button button-quiet" href={base}>
            Clear
          </Link>
        )}
      </form>
      {log.rows.length === 0 ? (
        <p className="empty-inline muted" role="status">
          {filtered ? "No entries match these filters." : "Nothing has been recorded yet."}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table audit-table">
            <caption>
              {log.total.toLocaleString("en-US")} {log.total === 1 ? "entry" : "entries"}
              {filtered ? " match" : ""}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                {workspaces && <th scope="col">Workspace</th>}
                <th scope="col">Action</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {log.rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatTime(r.at)}</td>
                  <td>{r.actor}</td>
                  {workspaces && <td>{r.workspace ?? <span className="muted">instance</span>}</td>}
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={log.page}
        pages={log.pages}
        total={log.total}
        noun="entries"
        hrefFor={(p) => href(base, filters, p)}
      />
    </>
  );
}
