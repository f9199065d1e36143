/**
 * Progress of long work for people at a terminal: one line redrawn in place (a bar, bytes, items,
 * rates, estimated time left) on a TTY; elsewhere (logs, CI) a plain line every few seconds.
 */
export interface ProgressLine {
  update(bytes: number, items: number): void;
  done(): void;
}

const mb = (n: number) =>
  n < 1024
    ? `${Math.round(n)} B`
    : n < 1024 * 1024
      ? `${Math.round(n / 1024)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;

function seconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}

/** A bar of `width` cells filled to `done` of `total`, e.g. `[#######.............]`. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = Math.max(0, Math.min(width, Math.floor((done / total) * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** The text of one progress line; `total` is the size in bytes when known. */
export function progressText(
  bytes: number,
  items: number,
  total: number | null,
  elapsedMs: number,
  itemName: string | null,
): string {
  const rate = elapsedMs > 0 ? bytes / (elapsedMs / 1000) : 0;
  const parts = [total ? `${mb(bytes)} of ${mb(total)} (${Math.floor((bytes / total) * 100)}%)` : mb(bytes)];
  if (itemName) parts.push(`${items.toLocaleString('en')} ${itemName}`);
  if (rate > 0) parts.push(`${mb(rate)}/s`);
  if (itemName && items > 0 && elapsedMs > 0)
    parts.push(`${Math.round(items / (elapsedMs / 1000)).toLocaleString('en')} ${itemName}/s`);
  if (total && rate > 0 && bytes < total) parts.push(`about ${seconds((total - bytes) / rate)} left`);
  return parts.join(', ');
}

export function progressLine(
  label: string,
  total: number | null,
  itemName: string | null,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressLine {
  const started = Date.now();
  const interval = stream.isTTY ? 100 : 5000;
  // Off a terminal, the first line waits for the first interval: short work prints one line.
  let last = stream.isTTY ? 0 : started;
  let shown: [number, number] | null = null;
  let latest: [number, number] = [0, 0];
  const print = (final: boolean) => {
    const text = `${label}: ${progressText(latest[0], latest[1], total, Date.now() - started, itemName)}`;
    // On a terminal a bar leads the line when the size is known.
    const bar = total ? `${progressBar(latest[0], total)} ` : '';
    if (stream.isTTY) stream.write(`\r\x1b[2K${bar}${text}${final ? '\n' : ''}`);
    else stream.write(`${text}\n`);
    shown = latest;
  };
  return {
    update(bytes, items) {
      latest = [bytes, items];
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      print(false);
    },
    done() {
      // Off a terminal, the last line is printed once, unless it was just printed as it stands.
      if (stream.isTTY || shown === null || shown[0] !== latest[0] || shown[1] !== latest[1]) print(true);
    },
  };
}
