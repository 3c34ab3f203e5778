/**
 * The pages of the app, in navigation order. Each domain adds its page here (one line)
 * and, if it has settings, a section component to SETTINGS_SECTIONS. All but the activity
 * list load their code when first shown (lazy.ts).
 */
import type { ComponentType } from 'react';
import { ArrowLeftRight, Building2, FileText, Handshake, LayoutDashboard, ListChecks, NotebookPen, Settings, Users, type LucideIcon } from 'lucide-react';
import type { DeviceMode } from '../../../shared/domain/enums';
import { lazyNamed } from '../lazy';
import { ActivitiesPage } from './ActivitiesPage';

export interface PageDef {
  id: string;
  /** i18n key of the navigation label. */
  labelKey: string;
  /** The icon shown beside the label (one set: Lucide). */
  icon: LucideIcon;
  component: ComponentType;
  /** Only in this mode (a mission's pages are not HQ's). */
  mode?: DeviceMode;
}

export const PAGES: PageDef[] = [
  { id: 'dashboard', labelKey: 'nav.dashboard', icon: LayoutDashboard, component: lazyNamed(() => import('./DashboardPage'), 'DashboardPage') },
  { id: 'activities', labelKey: 'nav.activities', icon: NotebookPen, component: ActivitiesPage },
  {
    id: 'organisations',
    labelKey: 'nav.organisations',
    icon: Building2,
    component: lazyNamed(() => import('./OrganisationsPage'), 'OrganisationsPage'),
  },
  { id: 'contacts', labelKey: 'nav.contacts', icon: Users, component: lazyNamed(() => import('./ContactsPage'), 'ContactsPage') },
  { id: 'agreements', labelKey: 'nav.agreements', icon: Handshake, component: lazyNamed(() => import('./AgreementsPage'), 'AgreementsPage') },
  { id: 'followups', labelKey: 'nav.followups', icon: ListChecks, component: lazyNamed(() => import('./FollowupsPage'), 'FollowupsPage') },
  { id: 'reports', labelKey: 'nav.reports', icon: FileText, component: lazyNamed(() => import('./ReportsPage'), 'ReportsPage') },
  { id: 'exchange', labelKey: 'nav.exchange', icon: ArrowLeftRight, component: lazyNamed(() => import('./ExchangePage'), 'ExchangePage') },
  { id: 'settings', labelKey: 'nav.settings', icon: Settings, component: lazyNamed(() => import('./SettingsPage'), 'SettingsPage') },
];

export const SETTINGS_SECTIONS: ComponentType[] = [
  lazyNamed(() => import('../security/SecuritySettings'), 'SecuritySettings'),
  lazyNamed(() => import('../exchange/IdentityCard'), 'IdentityCard'),
  lazyNamed(() => import('../update/UpdateCard'), 'UpdateCard'),
];
