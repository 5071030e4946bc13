"use client";

import { usePathname } from "next/navigation";
import { segment } from "@/app/_lib/params";

/**
 * The heading of a not-found page, naming what is missing. Not-found pages
 * get no params, so it is read from the address: /w/SLUG, /w/SLUG/teams/ID,
 * /w/SLUG/metrics/NAME.
 */
export function MissingWorkspace() {
  const path = usePathname() ?? "";
  const team = /^\/w\/[^/]+\/teams\/([^/]+)/.exec(path);
  if (team) {
    return (
      <h1 id="not-found-title">
        No team <code>{segment(team[1]!)}</code> in this workspace
      </h1>
    );
  }
  const metric = /^\/w\/[^/]+\/metrics\/([^/]+)/.exec(path);
  if (metric) {
    return (
      <h1 id="not-found-title">
        No metric <code>{segment(metric[1]!)}</code>
      </h1>
    );
  }
  const workspace = /^\/w\/([^/]+)/.exec(path);
  if (workspace) {
    return (
      <h1 id="not-found-title">
        No workspace <code>{segment(workspace[1]!)}</code>
      </h1>
    );
  }
  return <h1 id="not-found-title">Page not found</h1>;
}
