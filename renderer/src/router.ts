/**
 * The page and its lasting parameters live in the address ("#/activities?filter={…}"), so back
 * and forward move between pages and a reload keeps the page and its filters. Parameters are
 * read back through the shared schemas (route-params.ts, loaded only for an address that has
 * some): a stale or hand-edited address opens the page plainly. One-off parameters (a record to
 * open) travel with the navigation but stay out of the address.
 */

export interface Route {
  page: string;
  /** Page-specific parameters, e.g. a filter to open the activity list with. */
  params?: Record<string, unknown>;
}

/** The parameters each page keeps in the address. */
export const LASTING = {
  activities: ['filter'],
  dashboard: ['period'],
  // HQ's figures and its report card share one period.
  exchange: ['period'],
} as const;

const lastingOf = (page: string): readonly string[] => (LASTING as Record<string, readonly string[]>)[page] ?? [];

function splitAddress(hash: string): { page: string; query: URLSearchParams } {
  const match = /^#\/([a-z-]+)(?:\?(.*))?$/.exec(hash);
  return match ? { page: match[1]!, query: new URLSearchParams(match[2] ?? '') } : { page: '', query: new URLSearchParams() };
}

/** The address's route when it carries no lasting parameters (nothing to read through a schema), else null. */
export function plainRoute(hash: string): Route | null {
  const { page, query } = splitAddress(hash);
  return lastingOf(page).some((name) => query.has(name)) ? null : { page };
}

export async function routeFromAddress(hash: string): Promise<Route> {
  const plain = plainRoute(hash);
  if (plain) return plain;
  const { page, query } = splitAddress(hash);
  const { PARAM_SCHEMAS } = await import('./route-params');
  const params: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(PARAM_SCHEMAS[page as keyof typeof LASTING])) {
    const raw = query.get(name);
    if (raw === null) continue;
    try {
      const read = schema.safeParse(JSON.parse(raw));
      if (read.success) params[name] = read.data;
    } catch {
      // Not JSON: the page opens without it.
    }
  }
  return Object.keys(params).length ? { page, params } : { page };
}

export function addressOf(route: Route): string {
  const query = new URLSearchParams();
  for (const name of lastingOf(route.page)) {
    const value = route.params?.[name];
    if (value !== undefined && JSON.stringify(value) !== '{}') query.set(name, JSON.stringify(value));
  }
  const search = query.toString();
  return `#/${route.page}${search ? `?${search}` : ''}`;
}
