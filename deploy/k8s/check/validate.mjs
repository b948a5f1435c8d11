// Validates every object that deploy/k8s/kustomization.yaml lists against the Kubernetes OpenAPI schemas
// (npm kubernetes-models), offline: kubectl needs a cluster even for --dry-run=client. It checks types, required
// fields and enums; like the API server's schemas it lets unknown fields through, so DeployManifestTests asserts the
// fields that matter (probes, ports, resources) are where Kubernetes reads them.
// Usage: node validate.mjs [KUSTOMIZATION_DIR]; prints one line per object and exits 1 when any is invalid.
import { readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import * as models from "kubernetes-models";

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
const kustomization = parseAllDocuments(readFileSync(join(root, "kustomization.yaml"), "utf8"))[0].toJS();
let failures = 0;

// "apps/v1" -> models.apps.v1, "v1" -> models.v1, "networking.k8s.io/v1" -> models.networkingK8sIo.v1
function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const ns = group === null ? models : models[group.replace(/\.(\w)/g, (_, c) => c.toUpperCase())];
  return (group === null ? ns[version] : ns?.[version])?.[kind];
}

for (const file of kustomization.resources) {
  const documents = parseAllDocuments(readFileSync(join(root, file), "utf8"));
  for (const document of documents) {
    if (document.errors.length > 0) {
      console.log(`FAIL ${file}: ${document.errors.map((e) => e.message).join("; ")}`);
      failures++;
      continue;
    }
    const object = document.toJS();
    const label = `${file}: ${object?.kind} ${object?.metadata?.name}`;
    const Model = object && modelFor(object.apiVersion ?? "", object.kind ?? "");
    if (!Model) {
      console.log(`FAIL ${label}: unknown apiVersion/kind ${object?.apiVersion} ${object?.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`ok   ${label}`);
    } catch (error) {
      console.log(`FAIL ${label}: ${error.message}`);
      failures++;
    }
  }
}
console.log(failures === 0 ? "All manifests are valid." : `${failures} invalid manifest(s).`);
process.exit(failures === 0 ? 0 : 1);
