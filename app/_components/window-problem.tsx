import Link from "next/link";

/** Filters in the URL that do not make a window (a bad date, to before from): the problem in words. */
export function WindowProblem({ problem, resetHref }: { problem: string; resetHref: string }) {
  return (
    <section className="notice notice-error" role="alert" aria-labelledby="problem-title">
      <h2 id="problem-title">These filters do not make a window</h2>
      <p>{problem}</p>
      <p>
        Dates are <code>YYYY-MM-DD</code> in UTC; the window runs from <code>from</code> up to, not including,{" "}
        <code>to</code>.{" "}
        <Link prefetch={false} href={resetHref}>
          Show the last 13 weeks instead
        </Link>
        .
      </p>
    </section>
  );
}
