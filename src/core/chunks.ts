/** How many values one `IN (…)` list takes: well under both databases' limits on bound parameters. */
export const IN_LIST_SIZE = 500;

/** `items` cut into consecutive runs of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number = IN_LIST_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
