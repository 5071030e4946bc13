import { z } from "zod";

/** A regular expression given as text in the config; refused when it does not compile. */
export const regexText = z
  .string()
  .min(1)
  .refine(
    (text) => {
      try {
        new RegExp(text);
        return true;
      } catch {
        return false;
      }
    },
    { message: "not a valid regular expression" },
  );

/** The NAME of an environment variable holding a secret; the secret itself never goes in the config. */
export const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "must be the name of an environment variable (letters, digits, _), not the secret itself",
  )
  .refine((name) => !/^(ghp|gho|ghu|ghs|ghr|github_pat)_/.test(name), {
    message: "looks like a token itself: put the token in an environment variable and give its name here",
  });

/** A date (YYYY-MM-DD) or RFC 3339 timestamp bounding a first sync. */
export const sinceText = z
  .string()
  .refine((t) => /^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}:\d{2}))?$/.test(t) && Number.isFinite(Date.parse(t)), {
    message: "must be a date YYYY-MM-DD or an RFC 3339 timestamp with a zone",
  });

/** Where incidents of a service (or tag) belong: a repository, a team, or both. */
export const incidentTarget = z
  .strictObject({ repository: z.string().min(1).optional(), team: z.string().min(1).optional() })
  .refine((t) => t.repository !== undefined || t.team !== undefined, { message: "give a repository, a team, or both" });

/** The mapping of services (by id or name) to repositories and teams, shared by PagerDuty, Opsgenie and their CSV exports. */
export type IncidentTargets = Record<string, z.infer<typeof incidentTarget>>;

/** A `base URL` option: http(s) only, without a trailing slash. */
export const baseUrl = (fallback: string) =>
  z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), { message: "must be an http(s) URL" })
    .transform((u) => u.replace(/\/+$/, ""))
    .default(fallback);
