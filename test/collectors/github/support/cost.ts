/**
 * GitHub's rate-limit cost of a query, as its documentation describes it: the
 * number of requests needed to fulfil every connection, assuming each reaches
 * its `first`/`last` limit (a nested connection needs one request per parent
 * node), divided by 100 and rounded, at least 1. Fields skipped by
 * @include/@skip cost nothing.
 */
import { Kind, parse, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";

function argumentValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  return undefined;
}

function included(
  directives:
    | readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[]
    | undefined,
  variables: Record<string, unknown>,
): boolean {
  for (const d of directives ?? []) {
    const arg = d.arguments?.find((a) => a.name.value === "if");
    const value = arg ? argumentValue(arg.value, variables) : undefined;
    if (d.name.value === "include" && value === false) return false;
    if (d.name.value === "skip" && value === true) return false;
  }
  return true;
}

/** The points GitHub would charge for `source` with `variables`. */
export function queryCost(source: string, variables: Record<string, unknown>): number {
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let requests = 0;
  const walk = (set: SelectionSetNode | undefined, multiplier: number) => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection.directives, variables)) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) walk(fragments.get(selection.name.value)?.selectionSet, multiplier);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, multiplier);
      else {
        const limit = selection.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
        const n = limit ? Number(argumentValue(limit.value, variables) ?? 0) : 0;
        if (limit) requests += multiplier;
        walk(selection.selectionSet, limit ? multiplier * Math.max(1, n) : multiplier);
      }
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet, 1);
  return Math.max(1, Math.round(requests / 100));
}
