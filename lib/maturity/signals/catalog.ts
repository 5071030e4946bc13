/**
 * Signals of shared knowledge and self-service: runbooks and docs, project
 * generators, software catalogs, scaffolder templates, portals and ownership.
 */
import { apiVersionMatching, baseName, directories, hasKind, isDocument, isYaml, packageDependencies } from "./paths";
import type { FileDetector, FileSignal } from "./types";

const OPERATIONS_DOC = /runbook|playbook|on-?call|incident-response|release-checklist|^operations(\.|$)/;

const runbook: FileDetector = (_file, path) => {
  if (!isDocument(path)) return null;
  const segments = [...directories(path), baseName(path).toLowerCase()];
  return segments.some((s) => OPERATIONS_DOC.test(s)) ? "runbook" : null;
};

const documentation: FileDetector = (_file, path) => {
  const name = baseName(path);
  if (/^mkdocs\.ya?ml$/.test(name)) return "MkDocs";
  if (/^docusaurus\.config\.(js|mjs|cjs|ts)$/.test(name)) return "Docusaurus";
  const dirs = directories(path);
  if (isDocument(path) && ["docs", "doc", "adr", "adrs"].includes(dirs[0] ?? "")) return "docs/";
  return null;
};

const generatedFromTemplate: FileDetector = (file, path) => {
  if (path === ".copier-answers.yml" || path === ".copier-answers.yaml") {
    const source = file.content && /^_src_path:\s*(\S+)/m.exec(file.content)?.[1];
    return source ? `copier template ${source}` : "copier template";
  }
  if (path === ".cruft.json") return "cookiecutter template (cruft)";
  return null;
};

const projectGenerator: FileDetector = (file, path) => {
  const name = baseName(path);
  if (name === "cookiecutter.json") return "Cookiecutter";
  if (/^copier\.ya?ml$/.test(path)) return "Copier";
  if (/(^|\/)generators\/[^/]+\/index\.(js|cjs|mjs|ts)$/.test(path)) return "Yeoman";
  if (name === "package.json" && packageDependencies(file.content).includes("yeoman-generator")) return "Yeoman";
  if (/^plopfile\.(js|cjs|mjs|ts)$/.test(name)) return "Plop";
  return null;
};

const catalogEntry: FileDetector = (file, path) => {
  const name = baseName(path);
  if (/^catalog-info\.ya?ml$/.test(name)) {
    // Without content the name is unambiguous; with content it must be a Backstage entity.
    return file.content === undefined || apiVersionMatching(file.content, /^backstage\.io\//)
      ? "Backstage catalog"
      : null;
  }
  if (/^port\.ya?ml$/.test(path) || /^\.port\/.+\.ya?ml$/.test(path)) return "Port";
  if (/^cortex\.ya?ml$/.test(path)) return "Cortex";
  if (/^opslevel\.ya?ml$/.test(path)) return "OpsLevel";
  return null;
};

const scaffolderTemplate: FileDetector = (file, path) =>
  isYaml(path) &&
  apiVersionMatching(file.content, /^scaffolder\.backstage\.io\//) &&
  hasKind(file.content, ["Template"])
    ? "Backstage software template"
    : null;

const BACKSTAGE_APP = [
  "@backstage/cli",
  "@backstage/backend-defaults",
  "@backstage/app-defaults",
  "@backstage/core-app-api",
  "@backstage/plugin-catalog-backend",
];

const developerPortal: FileDetector = (file, path) => {
  const name = baseName(path);
  if (name === "package.json" && packageDependencies(file.content).some((d) => BACKSTAGE_APP.includes(d)))
    return "Backstage app";
  if (
    /^app-config(\.[\w-]+)?\.ya?ml$/.test(name) &&
    file.content !== undefined &&
    /^app:/m.test(file.content) &&
    /^catalog:/m.test(file.content)
  )
    return "Backstage app";
  return null;
};

const codeowners: FileDetector = (_file, path) =>
  /^(\.github\/|\.gitlab\/|docs\/)?CODEOWNERS$/.test(path) ? "CODEOWNERS" : null;

/** The catalog, template and documentation signals. */
export const CATALOG_SIGNALS: FileSignal[] = [
  { id: "runbook", detect: runbook, prose: true },
  { id: "documentation", detect: documentation, prose: true },
  { id: "generated-from-template", detect: generatedFromTemplate },
  { id: "project-generator", detect: projectGenerator },
  { id: "catalog-entry", detect: catalogEntry },
  { id: "scaffolder-template", detect: scaffolderTemplate },
  { id: "developer-portal", detect: developerPortal },
  { id: "codeowners", detect: codeowners, prose: true },
];
