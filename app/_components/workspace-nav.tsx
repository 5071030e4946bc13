"use client";

import Link from "next/link";
import { useParams, usePathname, useSearchParams } from "next/navigation";

const SECTIONS = [
  { label: "Overview", path: "" },
  { label: "Repositories", path: "/repositories" },
  { label: "Incidents", path: "/incidents" },
  { label: "Maturity", path: "/maturity" },
] as const;

/** What only the workspace's owners manage. */
const OWNER_SECTIONS = [
  { label: "Members", path: "/members" },
  { label: "API tokens", path: "/tokens" },
  { label: "Audit log", path: "/audit" },
] as const;

/**
 * The sections of a workspace. The window and team travel along, so moving
 * between sections keeps the view (a team's page passes its team on).
 */
export function WorkspaceNav({ slug, owner = false }: { slug: string; owner?: boolean }) {
  const pathname = usePathname() ?? "";
  const search = useSearchParams();
  const params = useParams<{ team?: string }>();
  const base = `/w/${encodeURIComponent(slug)}`;
  const keep = new URLSearchParams();
  for (const key of ["from", "to", "team"]) {
    const v = search.get(key);
    if (v) keep.set(key, v);
  }
  if (params.team) keep.set("team", decodeURIComponent(params.team));
  const current = (path: string) =>
    path === ""
      ? pathname === base || pathname.startsWith(`${base}/teams/`) || pathname.startsWith(`${base}/metrics/`)
      : pathname.startsWith(base + path);
  return (
    <nav className="workspace-nav" aria-label="Workspace">
      <ul>
        {SECTIONS.map((s) => {
          let href = base + s.path;
          // The team's own page is the overview of a team; other sections take the team as a filter.
          if (s.path === "" && keep.get("team")) {
            const rest = new URLSearchParams(keep);
            rest.delete("team");
            href = `${base}/teams/${encodeURIComponent(keep.get("team")!)}${rest.size ? `?${rest}` : ""}`;
          } else if (keep.size) href += `?${keep}`;
          return (
            <li key={s.label}>
              <Link prefetch={false} href={href} aria-current={current(s.path) ? "page" : undefined}>
                {s.label}
              </Link>
            </li>
          );
        })}
        {owner &&
          OWNER_SECTIONS.map((s) => (
            <li key={s.label} className="workspace-nav-owner">
              <Link prefetch={false} href={base + s.path} aria-current={current(s.path) ? "page" : undefined}>
                {s.label}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
