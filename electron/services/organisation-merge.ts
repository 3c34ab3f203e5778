/**
 * Merging two organisation records that are the same partner: every link of the merged
 * one (people, agreements, activities, follow-ups) moves to the kept one, the kept one's
 * empty fields take the merged one's values, and the merged one is soft-deleted. One
 * transaction; every change goes through the stores, so it travels in the change log.
 */
import type { MergeResult } from '../../shared/contract/organisations';
import type { Organisation, OrganisationValues } from '../../shared/domain/organisation';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { reindexOrganisationLinks } from './partners';

/** The kept record's values, completed from the merged one. */
export function mergedValues(keep: Organisation, gone: Organisation): OrganisationValues {
  const pick = (a: string, b: string) => (a.trim() ? a : b);
  const notes = keep.notes && gone.notes && keep.notes !== gone.notes ? `${keep.notes}\n\n${gone.notes}` : pick(keep.notes, gone.notes);
  return {
    name: keep.name,
    kind: keep.kind === 'other' ? gone.kind : keep.kind,
    country: keep.country ?? gone.country,
    sectors: [...new Set([...keep.sectors, ...gone.sectors])].sort(),
    website: pick(keep.website, gone.website),
    address: pick(keep.address, gone.address),
    notes,
  };
}

export function mergeOrganisations(app: AppContext, keepId: string, mergeId: string): MergeResult {
  if (keepId === mergeId)
    throw new AppError('MERGE_SAME', 'An organisation cannot be merged into itself', { fields: [{ path: 'mergeId', code: 'invalid_id' }] });
  return app.writer.write((ctx) => {
    const keep = app.organisations.getLive(keepId) as Organisation;
    const gone = app.organisations.getLive(mergeId) as Organisation;
    const ids = (sql: string) => app.db.prepare(sql).pluck().all(mergeId) as string[];

    const contacts = ids(`SELECT id FROM contacts WHERE organisation_id = ? AND deleted_at IS NULL`);
    for (const id of contacts) app.contacts.updateIn(ctx, id, { ...app.contacts.get(id), organisationId: keepId });

    // Deleted agreements move too, so that restoring one later finds its partner.
    const agreements = ids(`SELECT id FROM agreements WHERE foreign_org_id = ?`);
    for (const id of agreements) app.agreements.updateIn(ctx, id, { ...app.agreements.get(id), foreignOrgId: keepId });

    const activities = ids(`SELECT activity_id FROM activity_organisations WHERE organisation_id = ?`);
    for (const id of activities) {
      const activity = app.activities.get(id);
      const organisationIds = [...new Set(activity.organisationIds.map((o) => (o === mergeId ? keepId : o)))];
      app.activities.update(id, { ...activity, organisationIds });
    }

    const followups = ids(`SELECT id FROM followups WHERE entity = 'organisation' AND record_id = ?`);
    for (const id of followups) app.followups.updateIn(ctx, id, { ...app.followups.get(id), recordId: keepId });

    const organisation = app.organisations.updateIn(ctx, keepId, mergedValues(keep, gone)) as Organisation;
    app.organisations.deleteIn(ctx, mergeId);
    reindexOrganisationLinks(app, keepId);
    return {
      organisation,
      moved: { contacts: contacts.length, agreements: agreements.length, activities: activities.length, followups: followups.length },
    };
  });
}
