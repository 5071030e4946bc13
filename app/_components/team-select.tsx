"use client";

import { useRouter } from "next/navigation";

/** A team choice for the filter form. */
export interface TeamOption {
  id: string;
  name: string;
}

/**
 * The team filter. Choosing a team goes straight to `hrefs[id]` ("" for all
 * teams) when given, else submits the surrounding form; without script, the
 * form's Apply button does the same.
 */
export function TeamSelect(props: {
  teams: TeamOption[];
  value: string | null;
  hrefs?: Record<string, string>;
  submitted?: boolean;
}) {
  const { teams, value, hrefs, submitted = true } = props;
  const router = useRouter();
  return (
    <label className="field">
      Team
      <select
        // Not submitted where the team is in the path (a team's page): choosing navigates instead.
        name={submitted ? "team" : undefined}
        defaultValue={value ?? ""}
        onChange={(event) => {
          const href = hrefs?.[event.target.value];
          if (href) router.push(href);
          else event.target.form?.requestSubmit();
        }}
      >
        <option value="">All teams</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
