"use client";

import Link from "next/link";
import { useEffect } from "react";

/**
 * An unexpected failure. Expected ones (a bad date, an unknown workspace) are
 * handled by the pages; in production Next hides a server error's message,
 * so the digest is what links this page to the server log.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <section className="notice notice-error" role="alert">
      <h1>Something went wrong</h1>
      <p>Altimeter could not show this page. The server log has the details{digest && <> (look for <code>{digest}</code>)</>}.</p>
      <p>
        <button className="button" type="button" onClick={() => retry()}>
          Try again
        </button>{" "}
        or go back to the <Link prefetch={false} href="/">workspaces</Link>.
      </p>
    </section>
  );
}
