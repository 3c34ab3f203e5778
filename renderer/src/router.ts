/**
 * The page and its lasting parameters live in the address ("#/activities?filter={…}"), so back
 * and forward move between pages and a reload keeps the page and its filters. Parameters are
 * read back through the shared schemas: a stale or hand-edited address opens the page plainly.
 * One-off parameters (a record to open) travel with the navigation but stay out of the address.
 */
import { z } from 'zod';
import { ActivityFilter } from '../../shared/domain/activity';
import { parsePeriod } from '../../shared/period';

export interface Route {
  page: string;
  /** Page-specific parameters, e.g. a filter to open the activity list with. */
  params?: Record<string, unknown>;
}

const period = z.string().refine((id) => parsePeriod(id) !== null);

/** Parameters kept in the address, each with the schema it is read back with. */
const LASTING: Record<string, Record<string, z.ZodType>> = {
  activities: { filter: ActivityFilter },
  dashboard: { period },
  // HQ's figures and its report card share one period.
  exchange: { period },
};

export function routeFromAddress(hash: string): Route {
  const match = /^#\/([a-z-]+)(?:\?(.*))?$/.exec(hash);
  if (!match) return { page: '' };
  const page = match[1]!;
  const query = new URLSearchParams(match[2] ?? '');
  const params: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(LASTING[page] ?? {})) {
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
  for (const name of Object.keys(LASTING[route.page] ?? {})) {
    const value = route.params?.[name];
    if (value !== undefined && JSON.stringify(value) !== '{}') query.set(name, JSON.stringify(value));
  }
  const search = query.toString();
  return `#/${route.page}${search ? `?${search}` : ''}`;
}
