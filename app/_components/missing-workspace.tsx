"use client";

import { usePathname } from "next/navigation";

/**
 * The heading of the not-found page. Not-found pages get no params, so the
 * workspace's slug is read from the address: /w/SLUG.
 */
export function MissingWorkspace() {
  const match = /^\/w\/([^/]+)/.exec(usePathname() ?? "");
  if (!match) return <h1 id="not-found-title">Page not found</h1>;
  let slug = match[1]!;
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // A malformed escape: show the slug as typed.
  }
  return (
    <h1 id="not-found-title">
      No workspace <code>{slug}</code>
    </h1>
  );
}
