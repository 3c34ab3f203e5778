/**
 * The pages of the app, in navigation order. Each domain adds its page here (one line)
 * and, if it has settings, a section component to SETTINGS_SECTIONS.
 */
import type { ComponentType } from 'react';
import { ArrowLeftRight, Building2, FileText, Handshake, LayoutDashboard, ListChecks, NotebookPen, Settings, Users, type LucideIcon } from 'lucide-react';
import type { DeviceMode } from '../../../shared/domain/enums';
import { ActivitiesPage } from './ActivitiesPage';
import { ContactsPage } from './ContactsPage';
import { AgreementsPage } from './AgreementsPage';
import { DashboardPage } from './DashboardPage';
import { ExchangePage } from './ExchangePage';
import { FollowupsPage } from './FollowupsPage';
import { OrganisationsPage } from './OrganisationsPage';
import { ReportsPage } from './ReportsPage';
import { SettingsPage } from './SettingsPage';
import { SecuritySettings } from '../security/SecuritySettings';
import { IdentityCard } from '../exchange/IdentityCard';
import { UpdateCard } from '../update/UpdateCard';

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
  { id: 'dashboard', labelKey: 'nav.dashboard', icon: LayoutDashboard, component: DashboardPage },
  { id: 'activities', labelKey: 'nav.activities', icon: NotebookPen, component: ActivitiesPage },
  { id: 'organisations', labelKey: 'nav.organisations', icon: Building2, component: OrganisationsPage },
  { id: 'contacts', labelKey: 'nav.contacts', icon: Users, component: ContactsPage },
  { id: 'agreements', labelKey: 'nav.agreements', icon: Handshake, component: AgreementsPage },
  { id: 'followups', labelKey: 'nav.followups', icon: ListChecks, component: FollowupsPage },
  { id: 'reports', labelKey: 'nav.reports', icon: FileText, component: ReportsPage },
  { id: 'exchange', labelKey: 'nav.exchange', icon: ArrowLeftRight, component: ExchangePage },
  { id: 'settings', labelKey: 'nav.settings', icon: Settings, component: SettingsPage },
];

export const SETTINGS_SECTIONS: ComponentType[] = [SecuritySettings, IdentityCard, UpdateCard];
