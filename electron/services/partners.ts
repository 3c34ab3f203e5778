/** Reads across partner records: timelines, an agreement's detail and drafts (the due/overdue view: due.ts). */
import type { TimelineItem } from '../../shared/contract/organisations';
import type { AgreementDetail, AgreementInput } from '../../shared/domain/agreement';
import type { Entity } from '../../shared/domain/enums';
import type { AppContext } from '../context';
import type { Db } from '../db/open';

/** The title column of each kind of record a follow-up can be about. */
const TITLE_SQL: Partial<Record<Entity, string>> = {
  activity: `SELECT title FROM activities WHERE id = ?`,
  organisation: `SELECT name FROM organisations WHERE id = ?`,
  contact: `SELECT name FROM contacts WHERE id = ?`,
  agreement: `SELECT title FROM agreements WHERE id = ?`,
};

export function recordTitle(db: Db, entity: Entity | null, id: string | null): string | null {
  const sql = entity ? TITLE_SQL[entity] : undefined;
  if (!sql || !id) return null;
  return (db.prepare(sql).pluck().get(id) as string | undefined) ?? null;
}

const byDateDesc = (a: TimelineItem, b: TimelineItem) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id);

/** Activities naming the organisation, its agreements, and follow-ups on it, its people or its agreements. */
export function organisationTimeline(app: AppContext, organisationId: string): TimelineItem[] {
  app.organisations.get(organisationId);
  const activities = app.db
    .prepare(
      `SELECT a.id, a.title, a.start_date AS date, a.kind, a.status FROM activity_organisations l JOIN activities a ON a.id = l.activity_id
       WHERE l.organisation_id = ? AND a.deleted_at IS NULL`,
    )
    .all(organisationId) as Omit<TimelineItem, 'entity'>[];
  const agreements = app.db
    .prepare(`SELECT id, title, signed_date AS date, kind, status FROM agreements WHERE deleted_at IS NULL AND foreign_org_id = ?`)
    .all(organisationId) as Omit<TimelineItem, 'entity'>[];
  const followups = followupItems(
    app,
    `(entity = 'organisation' AND record_id = ?)
     OR (entity = 'contact' AND record_id IN (SELECT id FROM contacts WHERE organisation_id = ?))
     OR (entity = 'agreement' AND record_id IN (SELECT id FROM agreements WHERE foreign_org_id = ?))`,
    [organisationId, organisationId, organisationId],
  );
  return [
    ...activities.map((a) => ({ ...a, entity: 'activity' as const })),
    ...agreements.map((a) => ({ ...a, entity: 'agreement' as const })),
    ...followups,
  ].sort(byDateDesc);
}

/** A person's own follow-ups, then everything of their organisation. */
export function contactTimeline(app: AppContext, contactId: string): TimelineItem[] {
  const contact = app.contacts.get(contactId);
  const own = followupItems(app, `entity = 'contact' AND record_id = ?`, [contactId]);
  const organisation = contact.organisationId ? organisationTimeline(app, contact.organisationId) : [];
  const seen = new Set(own.map((i) => i.id));
  return [...own, ...organisation.filter((i) => !seen.has(i.id))].sort(byDateDesc);
}

function followupItems(app: AppContext, condition: string, params: string[]): TimelineItem[] {
  const rows = app.db.prepare(`SELECT id, title, due_date AS date, done_at FROM followups WHERE deleted_at IS NULL AND (${condition})`).all(...params) as {
    id: string;
    title: string;
    date: string;
    done_at: string | null;
  }[];
  return rows.map((r) => ({ entity: 'followup', id: r.id, title: r.title, date: r.date, kind: r.done_at ? 'done' : 'open', status: null }));
}

/** Today's date on this computer, yyyy-MM-dd. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function agreementDetail(app: AppContext, id: string): AgreementDetail {
  const agreement = app.agreements.get(id);
  return {
    ...agreement,
    foreignOrgName: agreement.foreignOrgId ? (app.organisations.find(agreement.foreignOrgId)?.name ?? null) : null,
    activityTitle: recordTitle(app.db, 'activity', agreement.activityId),
    log: app.agreementLog.entries(id),
  };
}

/** What an activity knows about an agreement signed there: date, partner, locality, sector, value. */
export function agreementDraftFromActivity(app: AppContext, activityId: string): AgreementInput {
  const activity = app.activities.get(activityId);
  const partner = activity.organisationIds.find((orgId) => app.organisations.find(orgId)?.deletedAt === null) ?? null;
  return {
    title: '',
    kind: 'mou',
    signedDate: activity.startDate,
    provinceId: activity.provinces[0] ?? null,
    foreignOrgId: partner,
    valueUsd: activity.dealValueUsd,
    sector: activity.sectors[0] ?? null,
    activityId,
    status: 'signed',
  };
}

/** After an organisation is renamed, its people's and agreements' search text names it anew. */
export function reindexOrganisationLinks(app: AppContext, organisationId: string): void {
  app.contacts.reindexOrganisation(organisationId);
  app.agreements.reindexOrganisation(organisationId);
}
