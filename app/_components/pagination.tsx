import Link from "next/link";

/** Previous and next page links, with where we are in words. */
export function Pagination({
  page,
  pages,
  total,
  noun,
  hrefFor,
}: {
  page: number;
  pages: number;
  total: number;
  noun: string;
  hrefFor: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={`Pages of ${noun}`}>
      <span className="muted">
        Page {page} of {pages} · {total.toLocaleString("en-US")} {noun}
      </span>
      <ul>
        <li>
          {page > 1 ? (
            <Link prefetch={false} className="button button-quiet" href={hrefFor(page - 1)}>
              ← Previous
            </Link>
          ) : null}
        </li>
        <li>
          {page < pages ? (
            <Link prefetch={false} className="button button-quiet" href={hrefFor(page + 1)}>
              Next →
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}
