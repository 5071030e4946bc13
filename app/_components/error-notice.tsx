"use client";

import Link from "next/link";
import { useEffect, type ReactNode } from "react";

/**
 * What an error boundary shows for an unexpected failure. In production Next
 * hides a server error's message, so the digest is what links the page to the
 * server log.
 */
export function ErrorNotice({
  error,
  retry,
  title,
  children,
}: {
  error: unknown;
  retry: () => void;
  title: string;
  children: ReactNode;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <section className="notice notice-error" role="alert">
      <h1>{title}</h1>
      <p>
        {children} The server log has the details
        {digest && (
          <>
            {" "}
            (look for <code>{digest}</code>)
          </>
        )}
        .
      </p>
      <p>
        <button className="button" type="button" onClick={() => retry()}>
          Try again
        </button>{" "}
        or go back to the{" "}
        <Link prefetch={false} href="/">
          workspaces
        </Link>
        .
      </p>
    </section>
  );
}
