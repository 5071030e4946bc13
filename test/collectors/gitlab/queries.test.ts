import { parse, validate } from "graphql";
import { describe, expect, test } from "vitest";
import { DOCUMENTS } from "@/collectors/gitlab/queries";
import { gitlabGraphqlSchema } from "./support/schema";

describe("the GitLab collector's GraphQL documents", () => {
  test.each(Object.entries(DOCUMENTS))(
    "%s is valid against the schema written from GitLab's reference",
    (_, document) => {
      expect(validate(gitlabGraphqlSchema(), parse(document)).map((e) => e.message)).toEqual([]);
    },
  );
});
