/** One page of a list, as Knox's list endpoints report it. */
export interface Page<T> {
  readonly pageNum: number;
  readonly pageSize: number;
  readonly totalCount: number;
  readonly totalPages: number;
  readonly items: readonly T[];
}

export const MAX_PAGE_SIZE = 100;

function whole(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * The page `pageNum` (0-based) of `items` with `pageSize` items (1 to 100); either may be
 * absent (0 and `defaultSize`). A string names the parameter that is invalid.
 */
export function paginate<T>(
  items: readonly T[],
  pageNum: unknown,
  pageSize: unknown,
  defaultSize: number,
): Page<T> | string {
  const num = pageNum === undefined || pageNum === null ? 0 : whole(pageNum);
  if (num === undefined || num < 0) return 'pageNum must be a whole number from 0.';
  const size = pageSize === undefined || pageSize === null ? defaultSize : whole(pageSize);
  if (size === undefined || size < 1 || size > MAX_PAGE_SIZE) {
    return `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}.`;
  }
  return {
    pageNum: num,
    pageSize: size,
    totalCount: items.length,
    totalPages: Math.ceil(items.length / size),
    items: items.slice(num * size, num * size + size),
  };
}
