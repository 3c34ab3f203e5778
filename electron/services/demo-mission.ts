/** `cau-noi demo`: a living mission for a new user, through the real stores. */
import type { AppContext } from '../context';
import { demoActivities, OFFICERS } from './demo';
import { demoAgreementLog, demoAgreements, demoContacts, demoFollowups, demoOrganisations, linkPartners } from './demo-partners';

export interface DemoSummary {
  activities: number;
  organisations: number;
  contacts: number;
  agreements: number;
  followups: number;
}

const CHUNK = 5000;

export function fillDemo(app: AppContext, options: { activities: number; seed: number; today: string }): DemoSummary {
  const { seed, today } = options;
  const organisationIds = app.organisations.createMany(demoOrganisations());
  const contacts = app.contacts.createMany(demoContacts(organisationIds, seed));
  const activities = demoActivities({ count: options.activities, seed, today });
  linkPartners(activities, organisationIds, seed);
  const activityIds: string[] = [];
  for (let i = 0; i < activities.length; i += CHUNK) activityIds.push(...app.activities.createMany(activities.slice(i, i + CHUNK)));
  const agreements = demoAgreements(
    activities.map((a, i) => ({ ...a, id: activityIds[i]! })),
    today,
    seed,
  );
  const agreementIds = app.agreements.createMany(agreements);
  const stored = agreements.map((a, i) => ({ ...a, id: agreementIds[i]! }));
  app.agreementLog.createMany(demoAgreementLog(stored, today));
  const followups = app.followups.createMany(demoFollowups(stored, OFFICERS, today));
  return {
    activities: activities.length,
    organisations: organisationIds.length,
    contacts: contacts.length,
    agreements: agreementIds.length,
    followups: followups.length,
  };
}
