import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Suspense, type ReactNode } from "react";
import { UserMenu } from "./_components/user-menu";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/cards.css";
import "./styles/tables.css";
import "./styles/filters.css";
import "./styles/charts.css";
import "./styles/states.css";
import "./styles/workspaces.css";

export const metadata: Metadata = {
  title: { default: "Altimeter", template: "%s · Altimeter" },
  description: "Platform engineering metrics: DORA, onboarding and time to first deploy.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#171b22" },
  ],
};

/**
 * The frame of every page: the header, a centred column and the footer.
 * Every page renders per request: its scripts carry the request's CSP nonce
 * (proxy.ts), which a page prerendered at build time could not.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container site-header-inner">
            <Link prefetch={false} href="/" className="brand">
              <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
                <path d="M12 12 L17 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                <circle cx="12" cy="12" r="1.6" fill="currentColor" />
              </svg>
              Altimeter
            </Link>
            <span className="site-tagline">Platform engineering metrics</span>
            <Suspense fallback={null}>
              <UserMenu />
            </Suspense>
          </div>
        </header>
        <main id="content" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            Every number follows the written definitions in <code>lib/metrics/DEFINITIONS.md</code>; tiers are the DORA
            2023 benchmarks. Times are UTC.
          </div>
        </footer>
      </body>
    </html>
  );
}
