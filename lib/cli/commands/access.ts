import { readAuthSettings } from "@/lib/auth/settings";
import { ValidationError } from "@/lib/errors";
import {
  createSignInLink,
  createToken,
  createUser,
  issueSignInLink,
  listMembers,
  listTokens,
  listUsers,
  OPERATOR,
  removeMember,
  revokeSessions,
  revokeToken,
  setMember,
  TOKEN_SCOPES,
  userByEmail,
  WORKSPACE_ROLES,
} from "@/lib/service/access";
import { optional, required, type Command, type CommandContext } from "../command";

// Whoever runs the CLI holds the database file, so the CLI acts as the operator; every change is audited as such.

/** The one-time sign-in address for a user, valid 24 hours. */
async function signInLink(ctx: CommandContext, userId: string): Promise<string> {
  return linkAddress(await createSignInLink(await ctx.db(), userId));
}

async function linkAddress(token: string): Promise<string> {
  const { ONE_TIME_LINK_PATH } = await import("@/lib/auth/auth");
  return `${readAuthSettings().publicUrl}${ONE_TIME_LINK_PATH}?token=${token}`;
}

function positional(ctx: CommandContext, index: number, what: string): string {
  const value = ctx.positionals[index];
  if (!value) throw new ValidationError(`missing ${what}: see altimeter ${ctx.positionals[0] ?? ""} --help`);
  return value;
}

export const usersCommand: Command = {
  name: "users",
  summary: "List and add users, print one-time sign-in links, end a user's sessions",
  usage: "altimeter users [add EMAIL [--admin] [--password-env VAR] | link EMAIL | sign-out EMAIL] [--json]",
  help: `
Nobody signs up: an instance admin adds people here (or in the app).

  altimeter users                         every user, admins marked
  altimeter users add EMAIL [--admin]     add a user; prints a one-time sign-in link (24 h)
      --password-env VAR                  set the password from the environment variable VAR instead
  altimeter users link EMAIL              a new one-time sign-in link for EMAIL
  altimeter users sign-out EMAIL          end every session of EMAIL now

Links use ALTIMETER_PUBLIC_URL (or publicUrl in the config), else http://localhost:PORT.`,
  options: { admin: { type: "boolean" }, "password-env": { type: "string" }, json: { type: "boolean" } },
  async run(ctx) {
    const db = await ctx.db();
    const action = ctx.positionals[0];
    if (action === "add") {
      const email = positional(ctx, 1, "EMAIL");
      const variable = optional(ctx, "password-env");
      const password = variable ? process.env[variable] : undefined; // a variable the operator names
      if (variable && !password) throw new ValidationError(`--password-env ${variable}: the variable is not set`);
      const user = await createUser(db, OPERATOR, { email, password, admin: Boolean(ctx.values.admin) });
      ctx.err(`added ${user.email}${user.admin ? " (admin)" : ""}`);
      if (!password) ctx.out(`one-time sign-in link (24 hours): ${await signInLink(ctx, user.id)}`);
      return 0;
    }
    if (action === "link") {
      const user = await userByEmail(db, positional(ctx, 1, "EMAIL"));
      const token = await issueSignInLink(db, OPERATOR, user.email);
      ctx.out(`one-time sign-in link for ${user.email} (24 hours): ${await linkAddress(token)}`);
      return 0;
    }
    if (action === "sign-out") {
      const ended = await revokeSessions(db, OPERATOR, positional(ctx, 1, "EMAIL"));
      ctx.out(`${ended} session${ended === 1 ? "" : "s"} ended`);
      return 0;
    }
    if (action !== undefined && action !== "list")
      throw new ValidationError(`unknown users action ${JSON.stringify(action)}: use add, link or sign-out`);
    const users = await listUsers(db, OPERATOR);
    if (ctx.values.json) ctx.out(JSON.stringify(users.map((u) => ({ email: u.email, name: u.name, admin: u.admin }))));
    else ctx.out(users.length ? users.map((u) => `${u.email}${u.admin ? " (admin)" : ""}`).join("\n") : "no users yet");
    return 0;
  },
};

export const membersCommand: Command = {
  name: "members",
  summary: "Who may see a workspace, and as what (viewer, editor, owner)",
  usage: "altimeter members [set EMAIL ROLE | remove EMAIL] --workspace SLUG [--json]",
  help: `
  altimeter members --workspace SLUG                   the workspace's members and roles
  altimeter members set EMAIL ROLE --workspace SLUG    give EMAIL the role ${WORKSPACE_ROLES.join(", ")}
  altimeter members remove EMAIL --workspace SLUG      take EMAIL's access away

A viewer reads; an editor also answers the questionnaire, changes settings and imports;
an owner also manages members and tokens. Add the user first with altimeter users add.`,
  options: { workspace: { type: "string" }, json: { type: "boolean" } },
  async run(ctx) {
    const db = await ctx.db();
    const slug = required(ctx, "workspace");
    const action = ctx.positionals[0];
    if (action === "set") {
      const email = positional(ctx, 1, "EMAIL");
      await setMember(db, OPERATOR, slug, { email, role: positional(ctx, 2, "ROLE") });
      ctx.err(`${slug}: ${email} is ${ctx.positionals[2]}`);
    } else if (action === "remove") {
      const email = positional(ctx, 1, "EMAIL");
      await removeMember(db, OPERATOR, slug, email);
      ctx.err(`${slug}: ${email} removed`);
    } else if (action !== undefined) {
      throw new ValidationError(`unknown members action ${JSON.stringify(action)}: use set or remove`);
    }
    const members = await listMembers(db, OPERATOR, slug);
    if (ctx.values.json) ctx.out(JSON.stringify(members.map(({ email, name, role }) => ({ email, name, role }))));
    else ctx.out(members.length ? members.map((m) => `${m.email}  ${m.role}`).join("\n") : `${slug}: no members yet`);
    return 0;
  },
};

export const tokensCommand: Command = {
  name: "tokens",
  summary: "Workspace API tokens: create (shown once), list, revoke",
  usage: "altimeter tokens [create NAME --scope SCOPE | revoke ID] --workspace SLUG [--json]",
  help: `
  altimeter tokens --workspace SLUG                              the workspace's tokens (never their secret)
  altimeter tokens create NAME --scope SCOPE --workspace SLUG    a new token, printed once; SCOPE is ${TOKEN_SCOPES.join(" or ")}
  altimeter tokens revoke ID --workspace SLUG                    revoke token #ID at once

Only a token's SHA-256 is stored. Send it as Authorization: Bearer TOKEN
(read:metrics for /api/v1, write:events for POST /api/events).`,
  options: { workspace: { type: "string" }, scope: { type: "string" }, json: { type: "boolean" } },
  async run(ctx) {
    const db = await ctx.db();
    const slug = required(ctx, "workspace");
    const action = ctx.positionals[0];
    if (action === "create") {
      const name = positional(ctx, 1, "NAME");
      const { token, record } = await createToken(db, OPERATOR, slug, { name, scope: required(ctx, "scope") });
      ctx.err(`${slug}: token #${record.id} ${record.name} (${record.scope}); it is shown once, store it now:`);
      ctx.out(token);
      return 0;
    }
    if (action === "revoke") {
      const id = Number(positional(ctx, 1, "ID"));
      if (!Number.isInteger(id) || id <= 0)
        throw new ValidationError(`token id must be a whole number, got ${ctx.positionals[1]}`);
      await revokeToken(db, OPERATOR, slug, id);
      ctx.err(`${slug}: token #${id} revoked`);
      return 0;
    }
    if (action !== undefined)
      throw new ValidationError(`unknown tokens action ${JSON.stringify(action)}: use create or revoke`);
    const tokens = await listTokens(db, OPERATOR, slug);
    const rows = tokens.map((t) => ({
      id: t.id,
      name: t.name,
      scope: t.scope,
      prefix: t.prefix,
      createdBy: t.createdBy,
      createdAt: new Date(t.createdAt).toISOString(),
      revoked: t.revokedAt !== null,
    }));
    if (ctx.values.json) ctx.out(JSON.stringify(rows));
    else
      ctx.out(
        rows.length
          ? rows
              .map((r) => `#${r.id} ${r.name}  ${r.scope}  ${r.prefix}…  ${r.revoked ? "revoked" : "live"}`)
              .join("\n")
          : `${slug}: no tokens`,
      );
    return 0;
  },
};
