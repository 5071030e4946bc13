import Link from "next/link";
import { MissingWorkspace } from "@/app/_components/missing-workspace";

/** An unknown workspace (named, from the URL) or any other address the app does not have. */
export default function NotFound() {
  return (
    <section className="notice notice-error" aria-labelledby="not-found-title">
      <MissingWorkspace />
      <p>
        See the{" "}
        <Link prefetch={false} href="/">
          list of workspaces
        </Link>
        , or create one with <code>npx altimeter demo</code> or <code>npx altimeter import FILE --workspace SLUG</code>.
      </p>
    </section>
  );
}
