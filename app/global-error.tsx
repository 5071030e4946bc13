"use client";

/**
 * A failure of the root layout itself. It replaces the whole document, so it
 * carries its own minimal styling (the app's stylesheets may be what failed).
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <html lang="en">
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          margin: "3rem auto",
          maxWidth: "40rem",
          padding: "0 1rem",
          lineHeight: 1.5,
        }}
      >
        <title>Altimeter: something went wrong</title>
        <h1>Altimeter could not start this page</h1>
        <p>
          The server log has the details{digest ? ` (look for ${digest})` : ""}. A common cause is a database that
          cannot be opened: check ALTIMETER_DB.
        </p>
        <p>
          <button type="button" onClick={() => retry()}>
            Try again
          </button>{" "}
          or go to the <a href="/">workspaces</a>.
        </p>
      </body>
    </html>
  );
}
