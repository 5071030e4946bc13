/** Text for HTML: the header and footer templates are HTML strings Chromium renders on every page. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

// Header and footer templates get no page styles: everything inline, and a font size, or they print at 0 px.
const BAND =
  "width:100%;font-family:system-ui,'DejaVu Sans',sans-serif;font-size:8px;color:#4b5563;padding:0 14mm;display:flex;justify-content:space-between;";

/** The running header: the client and the report's subject on the left, the period on the right. */
export function headerTemplate(left: string, right: string): string {
  return `<div style="${BAND}"><span>${escapeHtml(left)}</span><span>${escapeHtml(right)}</span></div>`;
}

/** The running footer: what made it and when, and "Page N of M" (Chromium fills the page numbers). */
export function footerTemplate(left: string): string {
  return `<div style="${BAND}"><span>${escapeHtml(left)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}
