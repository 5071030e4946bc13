"use client";

import { ErrorNotice } from "@/app/_components/error-notice";

/** An unexpected failure on a workspace page (bad filters are shown by the page itself). */
export default function WorkspaceError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorNotice error={error} retry={retry} title="This page could not be computed">
      Altimeter failed while reading this workspace&apos;s data. If the database is being imported into right now, try
      again in a moment.
    </ErrorNotice>
  );
}
