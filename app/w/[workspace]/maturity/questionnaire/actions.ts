"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/app/_lib/db";
import { actionWorkspace } from "@/app/_lib/session";
import { AltimeterError, ForbiddenError } from "@/lib/errors";
import { parseAnswerChanges, type AnswerChanges } from "@/lib/maturity/answers";
import { QUESTIONS, type Question } from "@/lib/maturity/questionnaire";
import { saveAnswers } from "@/lib/service/maturity";
import { maturityPath, teamMaturityPath } from "../_components/labels";
import { fieldName, type QuestionnaireFormState } from "./form-state";

/** A form value as the question expects it; anything odd is passed on for validation to name. */
function typed(q: Question, raw: string): unknown {
  if (q.kind.type === "yes-no") return raw === "yes" ? true : raw === "no" ? false : raw;
  if (q.kind.type === "number") return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  return raw;
}

/**
 * Saves the questionnaire of the organisation or a team: every question is
 * validated and each problem shown beside its question; a valid save is a new
 * entry in the history, records the assessment, and shows its result. The
 * workspace is the one of the address the form was posted to, and the
 * asker must be an editor or owner of it (checked here, on the server).
 */
export async function saveQuestionnaire(
  previous: QuestionnaireFormState,
  form: FormData,
): Promise<QuestionnaireFormState> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const attempt = previous.status === "error" ? previous.attempt + 1 : 1;
  const db = await getDb();
  let access: Awaited<ReturnType<typeof actionWorkspace>>;
  try {
    access = await actionWorkspace(db, "editor");
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    return {
      status: "error",
      attempt,
      message: `Nothing was saved: you can read this workspace but not change its answers (${error.message}).`,
      fieldErrors: {},
      values: {},
    };
  }
  const workspace = access.workspace.slug;
  const team = text("team") || null;
  const values: Record<string, string> = { author: text("author") };
  const fieldErrors: Record<string, string> = {};
  const changes: AnswerChanges = {};
  if (values.author === "") fieldErrors.author = "Say who gave the answers (your name, or the interviewee's).";
  else if (values.author!.length > 200) fieldErrors.author = "The name is longer than 200 characters.";
  for (const q of QUESTIONS) {
    const raw = text(fieldName(q.id));
    values[q.id] = raw;
    if (raw === "") continue;
    try {
      Object.assign(changes, parseAnswerChanges({ [q.id]: typed(q, raw) }, "questionnaire"));
    } catch (error) {
      const reason = (error as Error).message.replace(/^questionnaire: \w+ \(".*?"\) /, "");
      fieldErrors[q.id] = `${reason.charAt(0).toUpperCase() + reason.slice(1)}.`;
    }
  }
  const problems = Object.keys(fieldErrors).length;
  if (problems > 0) {
    return {
      status: "error",
      attempt,
      message: `Nothing was saved: ${problems} ${problems === 1 ? "answer needs" : "answers need"} fixing.`,
      fieldErrors,
      values,
    };
  }
  try {
    await saveAnswers(db, {
      workspace,
      author: values.author!,
      saves: [{ team, changes, mode: "replace" }],
      actor: access.principal,
    });
  } catch (error) {
    if (error instanceof AltimeterError)
      return { status: "error", attempt, message: `Nothing was saved: ${error.message}`, fieldErrors, values };
    throw error;
  }
  redirect(`${team ? teamMaturityPath(workspace, team) : maturityPath(workspace)}?saved=1`);
}
