/**
 * How a commit author becomes a person id (collectors/CONFIG.md, "Local git").
 * Git knows names and emails, not logins, so the id is login-like and stable:
 *
 * 1. The email (after .mailmap) is lower-cased; for a GitHub no-reply address
 *    `12345+login@users.noreply.github.com` the id is `login`.
 * 2. Otherwise the id is the email's local part (`jane.doe@acme.com` → `jane.doe`),
 *    except for local parts many people use at their own domains (`info`,
 *    `mail`, `hi`, `git`, … and any shorter than three characters): then the
 *    whole address (`info@acme.com`).
 * 3. Without a usable email, the name is used (`Jane Doe` → `jane-doe`).
 * 4. Characters other than a–z, 0–9, `.`, `_` and `-` become `-`; a `[bot]`
 *    suffix is kept, so `dependabot[bot]` stays a bot.
 *
 * Two people with the same local part at different domains share an id, and
 * one person with two emails gets two: a .mailmap entry fixes either.
 */
export function personIdOf(name: string, email: string): string {
  const mail = email.trim().toLowerCase();
  const at = mail.lastIndexOf("@");
  let local = at > 0 ? mail.slice(0, at) : "";
  const domain = at > 0 ? mail.slice(at + 1) : "";
  if (domain === "users.noreply.github.com" && local.includes("+")) local = local.slice(local.indexOf("+") + 1);
  else if (domain && domain !== "users.noreply.github.com" && sharedLocalPart(local)) return `${slug(local)}@${domain}`;
  const id = slug(local) || slug(name.trim().toLowerCase());
  return id || "unknown";
}

/**
 * Local parts many people use at their own domains (`info@`, `mail@`, `hi@`,
 * `git@`): as ids they would make strangers one person (seven in umami's
 * history share `mail`), so such an address keeps its domain.
 */
const SHARED_LOCAL_PARTS = new Set([
  "admin",
  "code",
  "contact",
  "dev",
  "developer",
  "email",
  "git",
  "github",
  "hello",
  "hey",
  "hi",
  "info",
  "mail",
  "me",
  "office",
  "root",
  "support",
  "team",
  "test",
  "user",
  "webmaster",
]);
function sharedLocalPart(local: string): boolean {
  return local.length < 3 || SHARED_LOCAL_PARTS.has(local);
}

function slug(text: string): string {
  const bot = /\[bot\]$/.test(text);
  const base = (bot ? text.slice(0, -5) : text).replace(/[^a-z0-9._-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return base === "" ? "" : bot ? `${base}[bot]` : base;
}

/** Whether a git author is a bot: by the `[bot]` suffix GitHub apps use. */
export function isBotAuthor(name: string, id: string): boolean {
  return id.endsWith("[bot]") || /\[bot\]$/i.test(name.trim());
}
