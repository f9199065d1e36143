import { readFile } from 'node:fs/promises';
import { memoryPages, validateXML } from 'xmllint-wasm';

/** The IATI 2.03 schemas vendored in the repository; the activity schema includes and imports the other two. */
const SCHEMA_DIR = new URL('../../../data/iati/schemas/', import.meta.url);
const MAIN_SCHEMA = 'iati-activities-schema.xsd';
const IMPORTED = ['iati-common.xsd', 'xml.xsd'];

let schemas: Promise<{ fileName: string; contents: string }[]> | null = null;

function loadSchemas(): Promise<{ fileName: string; contents: string }[]> {
  schemas ??= Promise.all(
    [MAIN_SCHEMA, ...IMPORTED].map(async (fileName) => ({
      fileName,
      contents: await readFile(new URL(fileName, SCHEMA_DIR), 'utf8'),
    })),
  );
  return schemas;
}

/** One schema error: the 1-based line in the document validated, and libxml2's message. */
export interface SchemaError {
  line: number | null;
  message: string;
}

/**
 * Validates an `iati-activities` document against the official IATI 2.03 activity schema
 * (offline, with libxml2's xmllint compiled to WebAssembly). Used on an export's output in the
 * tests and on batches of activities during an import.
 */
export async function validateIatiActivities(
  xml: string,
): Promise<{ valid: boolean; errors: string[]; details: SchemaError[] }> {
  const [main, ...imported] = await loadSchemas();
  if (!main) throw new Error(`Missing ${MAIN_SCHEMA}`);
  const result = await validateXML({
    xml: [{ fileName: 'activities.xml', contents: xml }],
    schema: [main],
    preload: imported,
    // Room for large batches: the default ceiling is 32 MiB.
    maxMemoryPages: memoryPages.GiB,
  });
  return {
    valid: result.valid,
    errors: result.errors.map((e) => e.rawMessage),
    details: result.errors.map((e) => ({
      line: e.loc?.lineNumber ?? null,
      message: e.message.replace(/^Schemas validity error\s*:\s*/i, '').trim(),
    })),
  };
}
