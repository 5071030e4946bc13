import Link from "next/link";
import { MissingWorkspace } from "@/app/_components/missing-workspace";
import { METRIC_INFO } from "@/lib/service/definitions";

/** A team or metric this workspace does not have (the workspace itself exists: its layout checked). */
export default function WorkspaceNotFound() {
  return (
    <section className="notice notice-error" aria-labelledby="not-found-title">
      <MissingWorkspace />
      <p>
        Choose a team from the overview&apos;s team filter or its team table. The metrics are{" "}
        {METRIC_INFO.map((m, i) => (
          <span key={m.slug}>
            {i > 0 && ", "}
            <code>{m.slug}</code>
          </span>
        ))}
        .
      </p>
      <p>
        <Link prefetch={false} href="/">
          All workspaces
        </Link>
      </p>
    </section>
  );
}
