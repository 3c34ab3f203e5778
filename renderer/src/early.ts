/**
 * What a start needs, asked before the app's code has loaded (main.tsx): the device's state, and
 * as soon as it says the activity list is the page to open, the list's first page. The app store
 * and the list store take these answers instead of asking again.
 */
import type { AppState } from '../../shared/contract/app';
import { api } from './api/client';
import { askFirstPage } from './stores/activities';

let state: Promise<AppState> | null = null;

/** Where a person lands when the address names no page: heads on the dashboard, staff on the list they fill. */
export function landingPage(state: AppState): string {
  return state.user?.role === 'head' ? 'dashboard' : 'activities';
}

export function askEarly(): void {
  state = api('app.state', {});
  state.then(
    (answer) => {
      // Only a plain address: a filter in it is read through the router's schemas, loaded later.
      const page = location.hash ? /^#\/([a-z-]+)$/.exec(location.hash)?.[1] : landingPage(answer);
      if (page === 'activities' && answer.setUp && !answer.locked) askFirstPage();
    },
    // The app store reports it when it takes the state.
    () => undefined,
  );
}

/** The state asked at start, once: later loads ask again. */
export function takeEarlyState(): Promise<AppState> | null {
  const answer = state;
  state = null;
  return answer;
}
