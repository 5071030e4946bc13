"use client";

import Link from "next/link";
import { useEffect } from "react";

/**
 * An unexpected failure on a workspace page (bad filters are shown by the
 * page itself). In production Next hides a server error's message, so the
 * digest is what links this page to the server log.
 */
export default function WorkspaceError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <section className="notice notice-error" role="alert">
      <h1>This page could not be computed</h1>
      <p>
        Altimeter failed while reading this workspace&apos;s data. The server log has the details{digest && <> (look for <code>{digest}</code>)</>}. If the
        database is being imported into right now, try again in a moment.
      </p>
      <p>
        <button className="button" type="button" onClick={() => retry()}>
          Try again
        </button>{" "}
        or go back to the <Link prefetch={false} href="/">workspaces</Link>.
      </p>
    </section>
  );
}
