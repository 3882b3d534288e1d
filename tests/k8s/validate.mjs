// Validates Kubernetes manifests (every YAML document in the files or folders given) against the Kubernetes API
// schema that kubernetes-models generates from the Kubernetes OpenAPI document. Prints one line per document and
// exits 1 when any is invalid, has an unknown apiVersion/kind, or cannot be parsed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

const files = process.argv.slice(2).flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(p, f))
    : [p]);
if (files.length === 0) {
  console.error("usage: node validate.mjs <manifest file or folder>...");
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.log(`INVALID ${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
      failed++;
      continue;
    }
    const manifest = doc.toJS();
    if (manifest == null) continue;
    const { apiVersion, kind } = manifest;
    const name = `${kind}/${manifest.metadata?.name ?? "?"}`;
    let model;
    try {
      model = (await import(`kubernetes-models/${apiVersion}`))[kind];
    } catch {
      model = undefined;
    }
    if (typeof model !== "function") {
      console.log(`INVALID ${file} ${name}: unknown apiVersion/kind ${apiVersion} ${kind}`);
      failed++;
      continue;
    }
    try {
      new model(manifest).validate();
      console.log(`valid ${file} ${apiVersion} ${name}`);
    } catch (e) {
      console.log(`INVALID ${file} ${apiVersion} ${name}: ${e.message.replace(/\s+/g, " ")}`);
      failed++;
    }
  }
}
process.exit(failed > 0 ? 1 : 0);
