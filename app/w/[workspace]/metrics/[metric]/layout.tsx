import type { ReactNode } from "react";
import { segment } from "@/app/_lib/params";
import { metricOr404 } from "@/app/_lib/lookups";

/** A metric's pages: an unknown metric is a real 404, decided before anything streams. */
export default async function MetricLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ metric: string }>;
}) {
  metricOr404(segment((await params).metric));
  return children;
}
