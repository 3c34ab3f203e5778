import type { Organisation } from '../../shared/domain/organisation';
import { mergeOrganisations } from '../services/organisation-merge';
import { organisationTimeline, reindexOrganisationLinks } from '../services/partners';
import type { ChannelsOf, HandlerMap } from './types';

export const organisationHandlers: HandlerMap<ChannelsOf<'organisation.'>> = {
  'organisation.create': (values, { app }) => app.organisations.create(values) as Organisation,
  'organisation.update': ({ id, values }, { app }) =>
    app.writer.write(() => {
      const updated = app.organisations.update(id, values) as Organisation;
      reindexOrganisationLinks(app, id);
      return updated;
    }),
  'organisation.get': ({ id }, { app }) => app.organisations.get(id),
  'organisation.list': (input, { app }) => app.read('organisation.list', input),
  'organisation.delete': ({ id }, { app }) => app.organisations.delete(id),
  'organisation.restore': ({ id }, { app }) => app.organisations.restore(id) as Organisation,
  'organisation.duplicates': ({ name, country }, { app }) => app.organisations.findSame(name, country),
  'organisation.timeline': ({ id }, { app }) => organisationTimeline(app, id),
  'organisation.merge': ({ keepId, mergeId }, { app }) => mergeOrganisations(app, keepId, mergeId),
};
