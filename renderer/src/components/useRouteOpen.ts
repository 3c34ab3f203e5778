/**
 * What a page shows open (a drawer, a record): what the navigation asked for (a search hit, a
 * drill-down: the route's one-off parameters) until the person opens or closes something on the
 * page; a new navigation asks again. Derived in render, so no effect copies the route into state.
 */
import { useState } from 'react';
import type { Route } from '../router';
import { useAppStore } from '../stores/app';

export function useRouteOpen<T>(fromParams: (params: Record<string, unknown>) => T | null): [T | null, (next: T | null) => void] {
  const route = useAppStore((s) => s.route);
  const [own, setOwn] = useState<{ route: Route; open: T | null } | null>(null);
  const open = own?.route === route ? own.open : fromParams(route.params ?? {});
  return [open, (next) => setOwn({ route, open: next })];
}
