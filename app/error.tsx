"use client";

import { ErrorNotice } from "@/app/_components/error-notice";

/** An unexpected failure. Expected ones (a bad date, an unknown workspace) are handled by the pages. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorNotice error={error} retry={retry} title="Something went wrong">
      Altimeter could not show this page.
    </ErrorNotice>
  );
}
