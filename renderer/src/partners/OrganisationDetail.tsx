/** One organisation: its facts, its people, its timeline; edit, merge, delete, add a follow-up. */
import { useState } from 'react';
import type { Contact } from '../../../shared/domain/contact';
import type { Organisation } from '../../../shared/domain/organisation';
import { countryName } from '../../../shared/countries';
import { api } from '../api/client';
import { useChannel } from '../api/query';
import { sectorLabel } from '../components/options';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { ContactForm } from './ContactForm';
import { FollowupForm } from './FollowupForm';
import { OrganisationForm } from './OrganisationForm';
import { OrganisationPicker } from './OrganisationPicker';
import { Dialog } from '../components/Dialog';
import { Modal } from './shared';
import { Timeline } from './Timeline';
import { ErrorMessage } from '../components/ErrorMessage';

export function OrganisationDetail({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const organisationQuery = useChannel('organisation.get', { id });
  const contactsQuery = useChannel('contact.list', { filter: { organisationId: id } });
  const timelineQuery = useChannel('organisation.timeline', { id });
  const organisation = organisationQuery.data ?? null;
  const contacts = contactsQuery.data?.rows ?? [];
  const timeline = timelineQuery.data ?? [];
  const readError = organisationQuery.error ?? contactsQuery.error ?? timelineQuery.error;
  const [actionFailure, setFailure] = useState<string | null>(null);
  const failure = actionFailure ?? (readError ? errorText(readError) : null);
  const [editing, setEditing] = useState(false);
  const [contact, setContact] = useState<Contact | null | undefined>(undefined);
  const [addingFollowup, setAddingFollowup] = useState(false);
  const [merging, setMerging] = useState(false);

  async function remove() {
    if (!organisation) return;
    try {
      await api('organisation.delete', { id });
      notify({
        kind: 'info',
        text: t('organisation.deleted', { title: organisation.name }),
        action: { label: t('common.undo'), run: () => void api('organisation.restore', { id }) },
      });
      onClose();
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  return (
    <>
      <Dialog shape="drawer" label={organisation?.name ?? t('organisation.listTitle')} onClose={onClose}>
        <section className="drawer organisation-detail">
          <header className="drawer-head">
            <div>
              <h2>{organisation?.name}</h2>
              {organisation && (
                <p className="muted small">
                  {t(`enum.organisationKind.${organisation.kind}`)}
                  {organisation.country && ` · ${countryName(organisation.country, currentLanguage())}`}
                  {organisation.sectors.length > 0 && ` · ${organisation.sectors.map(sectorLabel).join(', ')}`}
                </p>
              )}
            </div>
            <button type="button" className="icon" aria-label={t('common.close')} onClick={onClose}>
              ×
            </button>
          </header>
          <ErrorMessage text={failure} />
          {organisation && (
            <div className="drawer-body">
              <div className="detail-actions">
                <button type="button" onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </button>
                <button type="button" onClick={() => setAddingFollowup(true)}>
                  + {t('followup.new')}
                </button>
                <button type="button" onClick={() => setMerging(true)}>
                  {t('organisation.merge')}
                </button>
                <button type="button" className="danger" onClick={() => void remove()}>
                  {t('common.delete')}
                </button>
              </div>
              {(organisation.website || organisation.address || organisation.notes) && (
                <dl className="detail-facts">
                  {organisation.website && (
                    <>
                      <dt>{t('organisation.website')}</dt>
                      <dd>{organisation.website}</dd>
                    </>
                  )}
                  {organisation.address && (
                    <>
                      <dt>{t('organisation.address')}</dt>
                      <dd>{organisation.address}</dd>
                    </>
                  )}
                  {organisation.notes && (
                    <>
                      <dt>{t('organisation.notes')}</dt>
                      <dd className="pre">{organisation.notes}</dd>
                    </>
                  )}
                </dl>
              )}

              <section aria-label={t('organisation.contacts')}>
                <div className="section-head">
                  <h3>{t('organisation.contacts')}</h3>
                  <button type="button" onClick={() => setContact(null)}>
                    + {t('contact.new')}
                  </button>
                </div>
                {contacts.length === 0 ? (
                  <p className="muted">{t('contact.empty')}</p>
                ) : (
                  <ul className="contact-list">
                    {contacts.map((c) => (
                      <li key={c.id}>
                        <button type="button" className="row-button" onClick={() => setContact(c)}>
                          <strong>{c.name}</strong>
                          {c.title && <span className="muted"> · {c.title}</span>}
                          <span className="contact-means small muted">{[c.email, c.phone, c.language].filter(Boolean).join(' · ')}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <Timeline items={timeline} label={t('organisation.timeline')} />
            </div>
          )}
        </section>
      </Dialog>
      {editing && organisation && <OrganisationForm organisation={organisation} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {contact !== undefined && (
        <ContactForm
          contact={contact}
          organisationId={id}
          onClose={() => setContact(undefined)}
          onSaved={() => setContact(undefined)}
          onDeleted={() => setContact(undefined)}
        />
      )}
      {addingFollowup && organisation && (
        <FollowupForm
          followup={null}
          about={{ entity: 'organisation', recordId: id, title: organisation.name }}
          onClose={() => setAddingFollowup(false)}
          onSaved={() => setAddingFollowup(false)}
        />
      )}
      {merging && organisation && <MergeDialog keep={organisation} onClose={() => setMerging(false)} onMerged={() => setMerging(false)} />}
    </>
  );
}

function MergeDialog({ keep, onClose, onMerged }: { keep: Organisation; onClose(): void; onMerged(): void }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const [other, setOther] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function merge() {
    if (!other) return;
    try {
      const result = await api('organisation.merge', { keepId: keep.id, mergeId: other });
      notify({ kind: 'info', text: t('organisation.merged', result.moved) });
      onMerged();
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  return (
    <Modal
      title={t('organisation.mergeTitle')}
      onClose={onClose}
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" disabled={!other} onClick={() => void merge()}>
            {t('organisation.mergeConfirm')}
          </button>
        </>
      }
    >
      <p>{t('organisation.mergeIntro', { name: keep.name })}</p>
      <ErrorMessage text={failure} />
      <OrganisationPicker
        label={t('organisation.mergeChoose')}
        single
        exclude={keep.id}
        selected={other ? [other] : []}
        onChange={(v) => setOther(v[0] ?? null)}
        name="mergeWith"
      />
    </Modal>
  );
}
