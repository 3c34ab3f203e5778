/** Handler maps are typed from the contract: one file per domain, merged in index.ts. */
import type { ChannelName, ChannelOutput, ChannelParsed, ProgressEvent } from '../../shared/contract';
import type { AppContext } from '../context';

export interface HandlerEnv {
  app: AppContext;
  /** Reports progress of a long call (no-op for short ones). */
  progress(event: Omit<ProgressEvent, 'taskId' | 'channel'>): void;
}

export type Handler<C extends ChannelName> = (input: ChannelParsed<C>, env: HandlerEnv) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type HandlerMap<K extends ChannelName> = { [C in K]: Handler<C> };

/** Channel names that start with a prefix ("activity." -> every activity channel). */
export type ChannelsOf<P extends string> = Extract<ChannelName, `${P}${string}`>;
