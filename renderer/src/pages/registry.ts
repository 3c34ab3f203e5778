/**
 * The pages of the app, in navigation order. Each domain adds its page here (one line)
 * and, if it has settings, a section component to SETTINGS_SECTIONS.
 */
import type { ComponentType } from 'react';
import type { DeviceMode } from '../../../shared/domain/enums';
import { ActivitiesPage } from './ActivitiesPage';
import { SettingsPage } from './SettingsPage';

export interface PageDef {
  id: string;
  /** i18n key of the navigation label. */
  labelKey: string;
  /** A short symbol shown beside the label. */
  icon: string;
  component: ComponentType;
  /** Only in this mode (a mission's pages are not HQ's). */
  mode?: DeviceMode;
}

export const PAGES: PageDef[] = [
  { id: 'activities', labelKey: 'nav.activities', icon: '◆', component: ActivitiesPage },
  { id: 'settings', labelKey: 'nav.settings', icon: '⚙', component: SettingsPage },
];

export const SETTINGS_SECTIONS: ComponentType[] = [];
