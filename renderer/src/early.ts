/**
 * What a start needs, asked before the app's code has loaded (main.tsx): the device's state, and
 * as soon as it says the activity list is the page to open, the list (its first page, then its
 * total). The app store takes the state; the list, already read, is not asked again when shown
 * unless a write made it stale meanwhile.
 */
import type { AppState } from '../../shared/contract/app';
import { api } from './api/client';
import { plainRoute } from './router';
import { useActivityList } from './stores/activities';

let asked: Promise<AppState> | null = null;
let arrived: AppState | null = null;

/** Where a person lands when the address names no page: heads on the dashboard, staff on the list they fill. */
export function landingPage(state: AppState): string {
  return state.user?.role === 'head' ? 'dashboard' : 'activities';
}

export function askEarly(): void {
  asked = api('app.state', {});
  asked.then(
    (answer) => {
      arrived = answer;
      // Only a plain address: a filter in it is read through the router's schemas, loaded later.
      const route = plainRoute(location.hash);
      const page = route && (route.page || landingPage(answer));
      if (page === 'activities' && answer.setUp && !answer.locked) useActivityList.getState().reload();
    },
    // The app store reports it when it takes the state.
    () => undefined,
  );
}

/** The state asked at start if it has arrived: the shell's first render is then the page, not "loading". */
export function arrivedState(): AppState | null {
  return arrived;
}

/** The state asked at start, once: later loads ask again. */
export function takeEarlyState(): Promise<AppState> | null {
  const answer = asked;
  asked = null;
  arrived = null;
  return answer;
}
