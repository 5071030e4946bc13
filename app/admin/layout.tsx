import type { ReactNode } from "react";
import { adminOr404 } from "@/app/_lib/session";

/**
 * The instance admin's pages. Checked here, before anything streams (a
 * page's loading state would already have sent 200), so anyone else gets
 * the real 404 of a page that does not exist.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await adminOr404();
  return children;
}
