/**
 * The renderer's one data layer (TanStack Query over the typed client): every read is a query
 * keyed by its channel and input, so two views of the same data share one answer, late answers
 * for an old filter never overwrite a newer one, and nothing is fetched by hand in an effect.
 * Every call that may change records (client.isReadOnly) marks all queries stale: what is on
 * screen is read again at once, the rest when it is next shown. Locking drops every answer, so no
 * decrypted record stays in the renderer's memory while the app is locked.
 */
import { QueryClient, keepPreviousData, useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import { api, onDataChanged } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    // Main's answers are deterministic: a refusal asked again is refused again.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 60_000 },
  },
});

onDataChanged(() => void queryClient.invalidateQueries());

/** After locking: nothing read from the encrypted store stays in memory. */
export function forgetAllData(): void {
  queryClient.clear();
}

/** A channel's answer for this input; the previous answer stays shown while a new input loads. */
export function useChannel<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
  options: { enabled?: boolean; refetchInterval?: number | false | ((data: ChannelOutput<C> | undefined) => number | false) } = {},
) {
  const every = options.refetchInterval ?? false;
  return useQuery({
    queryKey: [channel, input],
    queryFn: () => api(channel, input) as Promise<ChannelOutput<C>>,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    // A state main may change on its own (the lock after a system sleep) is asked again while shown.
    refetchInterval: typeof every === 'function' ? (query: { state: { data: ChannelOutput<C> | undefined } }) => every(query.state.data) : every,
  });
}

/**
 * After a read that recorded something as a side effect (a preview that met a new sender, now
 * waiting for trust): what is shown is read again, as after a write.
 */
export function readAgain(): void {
  void queryClient.invalidateQueries();
}

/** A channel's answer outside a component (an event handler): shared with a query asking the same. */
export function fetchChannel<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  return queryClient.fetchQuery({ queryKey: [channel, input], queryFn: () => api(channel, input) as Promise<ChannelOutput<C>> });
}

/** One channel asked for several inputs (the names of chosen records): the answers in input order, undefined until read. */
export function useChannels<C extends ChannelName>(channel: C, inputs: readonly ChannelInput<C>[]): (ChannelOutput<C> | undefined)[] {
  return useQueries({
    queries: inputs.map((input) => ({ queryKey: [channel, input], queryFn: () => api(channel, input) as Promise<ChannelOutput<C>> })),
  }).map((q) => q.data);
}

export interface Page<R> {
  total: number;
  rows: R[];
}

/** A list read page by page ("Xem thêm" asks for the next): the pages of one filter, joined. */
export function usePagedChannel<C extends ChannelName, R>(channel: C, filter: unknown, load: (offset: number) => Promise<Page<R>>) {
  const query = useInfiniteQuery({
    queryKey: [channel, filter, 'pages'],
    queryFn: ({ pageParam }) => load(pageParam),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const read = pages.reduce((n, p) => n + p.rows.length, 0);
      return read < last.total && last.rows.length > 0 ? read : undefined;
    },
    placeholderData: keepPreviousData,
  });
  const pages = query.data?.pages;
  const page: Page<R> | null = pages ? { total: pages[pages.length - 1]!.total, rows: pages.flatMap((p) => p.rows) } : null;
  return { page, error: query.error, more: () => void query.fetchNextPage() };
}
