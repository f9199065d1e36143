/** Page numbers to show: first, last, and a window around the current page, with gaps. */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1]);
  const list = [...wanted].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  let prev = 0;
  for (const p of list) {
    if (p - prev > 1) out.push(p - prev === 2 ? p - 1 : 'gap');
    out.push(p);
    prev = p;
  }
  return out;
}

/** A page number from the address (`?drafts=2`): the first page when absent or not a page number. */
export function pageFrom(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
