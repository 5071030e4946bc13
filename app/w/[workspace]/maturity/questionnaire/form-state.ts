/** What the questionnaire form shows after a save attempt that did not go through. */
export type QuestionnaireFormState =
  | { status: "idle" }
  | {
      status: "error";
      /** Bumped on every failed attempt, so the form is redrawn with what was typed. */
      attempt: number;
      message: string;
      /** Field name (`author` or a question id) → what is wrong with it. */
      fieldErrors: Record<string, string>;
      /** What was typed, by field name. */
      values: Record<string, string>;
    };

/** The form field of a question. */
export const fieldName = (questionId: string): string => `q.${questionId}`;
