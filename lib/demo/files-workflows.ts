/**
 * GitHub Actions workflows of the demo's repositories, from a team's own
 * build-and-deploy pipeline to callers of the platform's reusable workflows.
 */
import { DEMO_ORG } from "./teams";

/** A self-contained CI workflow for a Go service. */
export function goCiWorkflow(): string {
  return `name: ci
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - run: go vet ./...
      - run: go test -race ./...
`;
}

/** Continuous deployment on every push to main: build, push the image, let Argo CD sync. */
export function gitOpsDeployWorkflow(slug: string): string {
  return `name: deploy
on:
  push:
    branches: [main]
concurrency: deploy-\${{ github.ref }}
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      tag: \${{ steps.meta.outputs.version }}
    steps:
      - uses: actions/checkout@v4
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: ghcr.io/${DEMO_ORG}/${slug}
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: \${{ steps.meta.outputs.tags }}
  deploy:
    needs: build
    runs-on: ubuntu-latest
    strategy:
      max-parallel: 1
      matrix:
        environment: [staging, production]
    environment: \${{ matrix.environment }}
    steps:
      - uses: actions/checkout@v4
      - name: Bump image tag for Argo CD
        run: yq -i '.image.tag = "\${{ needs.build.outputs.tag }}"' charts/${slug}/values-\${{ matrix.environment }}.yaml
      - uses: ${DEMO_ORG}/actions/argocd-wait-healthy@v2
        with:
          application: ${slug}-\${{ matrix.environment }}
`;
}

/** A reusable workflow (`on: workflow_call`) that other repositories call. */
export function reusableWorkflow(name: string, steps: string): string {
  return `name: ${name}
on:
  workflow_call:
    inputs:
      language:
        type: string
        default: go
      environment:
        type: string
        required: false
    secrets:
      REGISTRY_TOKEN:
        required: false
jobs:
  ${name}:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - uses: actions/checkout@v4
${steps}`;
}

/** A workflow that only calls a shared workflow of another repository. */
export function callerWorkflow(
  name: string,
  trigger: string,
  repository: string,
  workflow: string,
  version: string,
  withInputs = "",
): string {
  return `name: ${name}
on:
${trigger}
jobs:
  ${name}:
    uses: ${DEMO_ORG}/${repository}/.github/workflows/${workflow}@${version}
${withInputs}    secrets: inherit
`;
}

/** The Java monolith's CI: a long Maven build, nothing deployed from here. */
export function mavenCiWorkflow(): string {
  return `name: ci
on:
  pull_request:
  push:
    branches: [master, "release/**"]
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 90
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-java@v4
        with:
          distribution: temurin
          java-version: "11"
      - run: mvn -B verify
`;
}

/** CI for a Next.js or component-library repository; Vercel deploys on its own. */
export function nodeCiWorkflow(extraStep = ""): string {
  return `name: ci
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm run lint
      - run: npm test
${extraStep}`;
}
