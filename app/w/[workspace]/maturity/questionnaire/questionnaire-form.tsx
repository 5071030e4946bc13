"use client";

import { useActionState } from "react";
import type { QuestionnaireView } from "@/lib/service/maturity";
import styles from "../_components/maturity.module.css";
import { saveQuestionnaire } from "./actions";
import { fieldName, type QuestionnaireFormState } from "./form-state";

interface QuestionnaireFormProps {
  workspace: string;
  team: string | null;
  groups: QuestionnaireView["groups"];
  questions: QuestionnaireView["questions"];
  /** The scope's current answers as form values ("yes", "no", "42", a choice). */
  current: Record<string, string>;
  /** For a team: the organisation's answers, as text to show beside each question. */
  inherited: Record<string, string>;
  author: string;
}

type Question = QuestionnaireView["questions"][number];

function Field({ q, value, error, inherited }: { q: Question; value: string; error?: string; inherited?: string }) {
  const id = `question-${q.id}`;
  const described =
    [error ? `${id}-error` : "", inherited ? `${id}-inherited` : ""].filter(Boolean).join(" ") || undefined;
  const notes = (
    <>
      {"help" in q && q.help && <p className={styles.hint}>{q.help}</p>}
      {inherited && (
        <p id={`${id}-inherited`} className={styles.hint}>
          The organisation answered: {inherited}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className={styles.error}>
          {error}
        </p>
      )}
    </>
  );
  if (q.kind.type === "yes-no") {
    return (
      <fieldset
        className={`${styles.question} ${styles.choices}`}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
      >
        <legend>{q.text}</legend>
        {[
          ["yes", "Yes"],
          ["no", "No"],
          ["", "Not answered"],
        ].map(([v, label]) => (
          <label key={v}>
            <input type="radio" name={fieldName(q.id)} value={v} defaultChecked={value === v} /> {label}
          </label>
        ))}
        {notes}
      </fieldset>
    );
  }
  return (
    <div className={styles.question}>
      <label htmlFor={id} className={styles.questionText}>
        {q.text}
      </label>
      {q.kind.type === "number" ? (
        <input
          id={id}
          className={styles.input}
          name={fieldName(q.id)}
          type="number"
          inputMode="numeric"
          defaultValue={value}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
        />
      ) : (
        <select
          id={id}
          className={styles.input}
          name={fieldName(q.id)}
          defaultValue={value}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
        >
          <option value="">Not answered</option>
          {q.kind.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
      {q.kind.type === "number" && <span className="muted"> {q.kind.unit}</span>}
      {notes}
    </div>
  );
}

/** The questionnaire as a form: validated on the server, every problem named beside its question. */
export function QuestionnaireForm(props: QuestionnaireFormProps) {
  const [state, action, pending] = useActionState<QuestionnaireFormState, FormData>(saveQuestionnaire, {
    status: "idle",
  });
  const failed = state.status === "error" ? state : null;
  const value = (name: string, fallback: string) => failed?.values[name] ?? fallback;
  return (
    <form
      key={failed?.attempt ?? 0}
      action={action}
      className={styles.form}
      noValidate
      aria-describedby={failed ? "form-problem" : undefined}
    >
      <input type="hidden" name="team" value={props.team ?? ""} />
      {failed && (
        <p id="form-problem" className="notice notice-error" role="alert">
          {failed.message}
        </p>
      )}
      <div className={styles.question}>
        <label htmlFor="author" className={styles.questionText}>
          Answered by
        </label>
        <input
          id="author"
          name="author"
          className={styles.input}
          autoComplete="name"
          defaultValue={value("author", props.author)}
          aria-describedby={failed?.fieldErrors.author ? "author-error" : undefined}
          aria-invalid={failed?.fieldErrors.author ? true : undefined}
        />
        {failed?.fieldErrors.author && (
          <p id="author-error" className={styles.error}>
            {failed.fieldErrors.author}
          </p>
        )}
      </div>
      {props.groups.map((g) => (
        <fieldset key={g.id}>
          <legend>{g.title}</legend>
          {props.questions
            .filter((q) => q.group === g.id)
            .map((q) => (
              <Field
                key={q.id}
                q={q}
                value={value(q.id, props.current[q.id] ?? "")}
                error={failed?.fieldErrors[q.id]}
                inherited={props.inherited[q.id]}
              />
            ))}
        </fieldset>
      ))}
      <div className={styles.formActions}>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save answers"}
        </button>
        <span className="muted">Saving keeps the earlier answers in the history and records the assessment.</span>
      </div>
    </form>
  );
}
