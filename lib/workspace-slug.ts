import { z } from "zod";
import { ValidationError } from "@/lib/errors";

/**
 * The one rule for a workspace slug, used by the store, the inbound HTTP
 * endpoints and the config file alike, so a workspace created any way can be
 * addressed every way. Lower case only: the slug is a URL path segment
 * (`/w/SLUG`) and the suffix of env var names (`ALTIMETER_EVENTS_TOKEN_<SLUG>`),
 * where `Acme` and `acme`, or `acme.io` and `acme_io`, would name one secret.
 */
export const WORKSPACE_SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** What a slug may be, for error messages and `--help`. */
export const WORKSPACE_SLUG_RULE = '1–64 lower-case letters, digits, "-" or "_", starting with a letter or digit';

/** The slug rule as a zod schema (config files). */
export const WorkspaceSlugSchema = z.string().regex(WORKSPACE_SLUG, `must be ${WORKSPACE_SLUG_RULE}`);

/** The slug itself; a ValidationError naming it and the rule otherwise. */
export function checkWorkspaceSlug(slug: string): string {
  if (!WORKSPACE_SLUG.test(slug)) {
    throw new ValidationError(`workspace slug ${JSON.stringify(slug)} must be ${WORKSPACE_SLUG_RULE}`);
  }
  return slug;
}

/**
 * `acme-eu` → `ACME_EU`: how a slug appears in environment variable names
 * (`GITHUB_WEBHOOK_SECRET_<SLUG>`…). Not one-to-one: `acme-eu` and `acme_eu`
 * give the same name, so a config naming both is refused and an inbound
 * endpoint never reads such a shared name ({@link envNameTwins}).
 */
export function slugForEnv(slug: string): string {
  return slug.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** The other slugs among `slugs` whose environment variable names are those of `slug`. */
export function envNameTwins(slug: string, slugs: Iterable<string>): string[] {
  const key = slugForEnv(slug);
  return [...new Set(slugs)].filter((other) => other !== slug && slugForEnv(other) === key).sort();
}
