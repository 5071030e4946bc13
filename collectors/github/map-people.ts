import { z } from "zod";
import { personId } from "./ids";

/** An `Actor` (a pull request's author): a User, a Bot, a Mannequin… or null for a deleted account. */
export const ActorSchema = z
  .object({ __typename: z.string(), login: z.string().min(1), name: z.string().nullish() })
  .nullable();

/** A person met as an author, before the workspace is asked whether it already knows them. */
export interface Author {
  id: string;
  name: string | null;
  isBot: boolean;
}

/** The person behind an actor; null for a deleted account. */
export function actorAuthor(actor: z.infer<typeof ActorSchema>): Author | null {
  if (!actor) return null;
  const isBot = actor.__typename === "Bot";
  return { id: personId(actor.login, isBot), name: actor.name ?? null, isBot };
}

/** The person behind a commit's GitHub user; null when the commit's e-mail matches no account. */
export function userAuthor(user: { login: string; name?: string | null } | null | undefined): Author | null {
  if (!user) return null;
  const isBot = user.login.endsWith("[bot]");
  return { id: user.login, name: user.name ?? null, isBot };
}

/** The `person` record of an author no team claims. */
export function authorRecord(author: Author): object {
  return { type: "person", id: author.id, name: author.name, isBot: author.isBot };
}
