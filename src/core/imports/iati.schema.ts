import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

/** The IATI 2.03 schemas vendored in the repository; the activity schema includes and imports the other two. */
const SCHEMA_DIR = new URL('../../../data/iati/schemas/', import.meta.url);
const MAIN_SCHEMA = 'iati-activities-schema.xsd';
const IMPORTED = ['iati-common.xsd', 'xml.xsd'];
/** WebAssembly pages of 64 KiB: 16 MiB to start, and room for large batches up to 1 GiB. */
const INITIAL_PAGES = 256;
const MAX_PAGES = 16_384;
/** The worker is stopped after this long without work, to give its memory back. */
const IDLE_MS = 30_000;

/** One schema error: the 1-based line in the document validated, and libxml2's message. */
export interface SchemaError {
  line: number | null;
  message: string;
}

interface Answer {
  id: number;
  exitCode?: number;
  stderr?: string;
  failure?: string;
}

/**
 * xmllint in one long-lived worker thread (`xmllint-worker.mjs`): started on first use, compiled once, given one
 * document at a time, and stopped when idle. A worker that fails is replaced on the next call.
 */
class Validator {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private idle: NodeJS.Timeout | null = null;
  /** The schema files, read once for every worker this process starts. */
  private schemas: Promise<{ fileName: string; contents: string }[]> | null = null;
  /** Documents run one after the other, so that only one instance's memory is held at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  run(xml: string): Promise<Answer> {
    const turn = this.queue.then(() => this.send(xml));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async start(): Promise<Worker> {
    if (this.worker) return this.worker;
    this.schemas ??= Promise.all(
      [MAIN_SCHEMA, ...IMPORTED].map(async (fileName) => ({
        fileName,
        contents: await readFile(new URL(fileName, SCHEMA_DIR), 'utf8'),
      })),
    );
    const schemas = await this.schemas;
    const worker = new Worker(new URL('./xmllint-worker.mjs', import.meta.url), {
      workerData: { schemas, mainSchema: MAIN_SCHEMA, initialPages: INITIAL_PAGES, maxPages: MAX_PAGES },
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    worker.on('message', (answer: Answer & { actionline?: boolean }) => {
      if (answer?.actionline !== true) return;
      this.waiting.get(answer.id)?.resolve(answer);
      this.waiting.delete(answer.id);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The schema validator stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private async send(xml: string): Promise<Answer> {
    if (this.idle) clearTimeout(this.idle);
    const worker = await this.start();
    worker.ref();
    const id = this.next++;
    try {
      return await new Promise<Answer>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        worker.postMessage({ actionline: true, id, xml });
      });
    } finally {
      // Idle: the process may exit without waiting for the worker, which stops after a while.
      worker.unref();
      this.idle = setTimeout(() => {
        if (this.worker === worker && !this.waiting.size) {
          this.worker = null;
          void worker.terminate();
        }
      }, IDLE_MS);
      this.idle.unref();
    }
  }
}

const validator = new Validator();

/** xmllint's messages, "file:line: message" each, without its closing summary line. */
function parseErrors(stderr: string): (SchemaError & { raw: string })[] {
  return stderr
    .split('\n')
    .filter((l) => l.trim() && !/ (validates|fails to validate)$/.test(l.trim()))
    .map((raw) => {
      const [, line, message] = /^[^:]*:(\d+):(.*)$/s.exec(raw) ?? [];
      return line && message !== undefined
        ? { raw, line: Number(line), message: message.trim() }
        : { raw, line: null, message: raw.trim() };
    });
}

/**
 * Validates an `iati-activities` document against the official IATI 2.03 activity schema
 * (offline, with libxml2's xmllint compiled to WebAssembly). Used on an export's output in the
 * tests and on batches of activities during an import.
 */
export async function validateIatiActivities(
  xml: string,
): Promise<{ valid: boolean; errors: string[]; details: SchemaError[] }> {
  const answer = await validator.run(xml);
  if (answer.failure !== undefined) throw new Error(answer.failure);
  // xmllint exits with 0 when the document is valid, 3 or 4 when it is not, anything else when it could not run.
  if (answer.exitCode !== 0 && answer.exitCode !== 3 && answer.exitCode !== 4) {
    throw new Error(`xmllint could not validate (exit code ${answer.exitCode}): ${answer.stderr ?? ''}`);
  }
  const found = answer.exitCode === 0 ? [] : parseErrors(answer.stderr ?? '');
  return {
    valid: answer.exitCode === 0,
    errors: found.map((e) => e.raw),
    details: found.map((e) => ({
      line: e.line,
      message: e.message.replace(/^Schemas validity error\s*:\s*/i, '').trim(),
    })),
  };
}
