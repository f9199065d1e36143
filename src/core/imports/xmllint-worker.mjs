/**
 * A long-lived worker thread that validates XML against the IATI schemas with xmllint (libxml2 compiled to
 * WebAssembly, from the xmllint-wasm package). The package starts a new worker, and compiles its WebAssembly,
 * for every document; an import validates hundreds of batches, so this worker compiles it once and runs a fresh
 * instance (fresh memory) per document. See iati.schema.ts for the caller and ADR 0010.
 *
 * Messages in: { id, xml }. Messages out: { id, exitCode, stderr } or { id, failure }.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
// Requiring the package's worker script also registers its own message listener, which answers only messages
// tagged with its key; ours are not.
const runXmllint = require('xmllint-wasm/xmllint-node.js');
const wasm = new WebAssembly.Module(fs.readFileSync(require.resolve('xmllint-wasm/xmllint.wasm')));

/** @type {{ schemas: { fileName: string, contents: string }[], mainSchema: string, initialPages: number, maxPages: number }} */
const { schemas, mainSchema, initialPages, maxPages } = workerData;

/** Runs xmllint once on `xml`: its exit code and what it wrote to stderr. */
function validate(xml) {
  return new Promise((resolve, reject) => {
    let stderr = '';
    runXmllint({
      inputFiles: [{ fileName: 'activities.xml', contents: xml }, ...schemas],
      arguments: ['--schema', mainSchema, '--noout', 'activities.xml'],
      print() {},
      printErr(text) {
        stderr += `${text}\n`;
      },
      wasmMemory: new WebAssembly.Memory({ initial: initialPages, maximum: maxPages }),
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm), reject);
        return {};
      },
      onExit(exitCode) {
        resolve({ exitCode, stderr });
      },
      onAbort(reason) {
        reject(new Error(`xmllint stopped: ${String(reason)}`));
      },
    }).catch(reject);
  });
}

parentPort?.on('message', (message) => {
  if (!message || message.actionline !== true) return;
  validate(message.xml).then(
    (result) => parentPort?.postMessage({ actionline: true, id: message.id, ...result }),
    (error) => parentPort?.postMessage({ actionline: true, id: message.id, failure: String(error?.message ?? error) }),
  );
});
