import type { ReactNode } from "react";
import type { Metadata } from "next";
import { NoRows } from "@/app/_components/empty-state";
import { FilterBar } from "@/app/_components/filter-bar";
import { Pagination } from "@/app/_components/pagination";
import { RepositoryTable } from "@/app/_components/repository-table";
import { WindowProblem } from "@/app/_components/window-problem";
import { segment } from "@/app/_lib/params";
import { listRepositoriesWithActivity, REPOSITORY_SORTS, type RepositorySort } from "@/lib/service/repository-list";
import { loadListPage } from "../load";
import { parsePage, single, withParams, workspacePath, type SearchParams } from "../search-params";

const PAGE_SIZE = 100;
const SORT_LABELS: Record<RepositorySort, string> = {
  name: "Name",
  deployments: "Most production deploys",
  failed: "Most failed deploys",
  incidents: "Most incidents",
  created: "Newest first",
};

interface RepositoriesPageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: RepositoriesPageProps): Promise<Metadata> {
  return { title: `Repositories · ${segment((await params).workspace)}` };
}

/** A workspace's repositories, filtered by team and name, with what the metrics counted of each in the window. */
export default async function RepositoriesPage({ params, searchParams }: RepositoriesPageProps) {
  const { slug, query, db, now, teams, teamNames, filters, problem, valid, path, search } = await loadListPage(
    params,
    searchParams,
    "repositories",
  );
  const sortParam = single(query.sort);
  const sort = (REPOSITORY_SORTS as readonly string[]).includes(sortParam ?? "")
    ? (sortParam as RepositorySort)
    : "name";
  const keep = {
    from: filters.from,
    to: filters.to,
    team: filters.team,
    q: search,
    sort: sort === "name" ? null : sort,
  };

  let body: ReactNode;
  if (problem !== null) {
    body = <WindowProblem problem={problem} resetHref={path} />;
  } else {
    const all = await listRepositoriesWithActivity(db, {
      workspace: slug,
      from: filters.from,
      to: filters.to,
      team: filters.team,
      search,
      sort,
    });
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const page = Math.min(parsePage(single(query.page)), pages);
    const shown = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    body =
      all.length === 0 ? (
        <NoRows
          what="repositories"
          hint={
            search || filters.team
              ? "Clear the search or choose all teams."
              : "Import repository records (lib/events/FORMAT.md) to list them here."
          }
        />
      ) : (
        <>
          <RepositoryTable
            repositories={shown}
            caption={`${all.length} repositories${pages > 1 ? `, ${(page - 1) * PAGE_SIZE + 1}–${(page - 1) * PAGE_SIZE + shown.length} shown` : ""}; counts are for the window.`}
            teamHref={(id) =>
              withParams(`${workspacePath(slug)}/teams/${encodeURIComponent(id)}`, {
                from: filters.from,
                to: filters.to,
              })
            }
            teamNames={teamNames}
          />
          <Pagination
            page={page}
            pages={pages}
            total={all.length}
            noun="repositories"
            hrefFor={(n) => withParams(path, { ...keep, page: n })}
          />
        </>
      );
  }

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Repositories</h1>
          <p className="subtitle">
            Production deploys, shipped changes, failed deploys and incidents of each repository in the window.
          </p>
        </div>
      </div>
      <FilterBar
        action={path}
        filters={filters}
        preset={filters.preset}
        now={now}
        hrefFor={(w) => withParams(path, { ...keep, ...w })}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        valid={valid}
      >
        <label className="field">
          Name contains
          <input type="search" name="q" defaultValue={search ?? ""} placeholder="e.g. checkout" />
        </label>
        <label className="field">
          Sort by
          <select name="sort" defaultValue={sort}>
            {REPOSITORY_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </FilterBar>
      {body}
    </>
  );
}
