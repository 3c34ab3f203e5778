/** Add or edit a contact person, and the organisation they belong to. */
import { useState } from 'react';
import { ContactFields, type Contact, type ContactInput } from '../../../shared/domain/contact';
import { api } from '../api/client';
import { useChannel } from '../api/query';
import { TextField } from '../components/fields';
import { useFieldErrors } from '../components/useFieldErrors';
import { useDraftState } from '../components/useDraftState';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { FollowupForm } from './FollowupForm';
import { OrganisationPicker } from './OrganisationPicker';
import { DrawerForm } from './shared';
import { Timeline } from './Timeline';

interface Draft {
  organisationId: string | null;
  name: string;
  title: string;
  email: string;
  phone: string;
  language: string;
  notes: string;
}

export function ContactForm(props: { contact: Contact | null; organisationId: string | null; onClose(): void; onSaved(): void; onDeleted(c: Contact): void }) {
  const { contact } = props;
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const { errors, check, fromError, clear } = useFieldErrors();
  const form = useDraftState<Draft>(`contact:${contact?.id ?? 'new'}`, () =>
    contact
      ? {
          organisationId: contact.organisationId,
          name: contact.name,
          title: contact.title,
          email: contact.email,
          phone: contact.phone,
          language: contact.language,
          notes: contact.notes,
        }
      : { organisationId: props.organisationId, name: '', title: '', email: '', phone: '', language: '', notes: '' },
  );
  const draft = form.values;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  function update(patch: Partial<Draft>) {
    form.update(patch);
    for (const key of Object.keys(patch)) clear(key);
  }

  async function save() {
    const input: ContactInput = draft;
    if (!check(ContactFields, input) || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      if (contact) await api('contact.update', { id: contact.id, values: input });
      else await api('contact.create', input);
      form.forget();
      notify({ kind: 'info', text: t(contact ? 'organisation.updated' : 'contact.created') });
      props.onSaved();
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!contact) return;
    try {
      await api('contact.delete', { id: contact.id });
      form.forget();
      props.onDeleted(contact);
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  return (
    <DrawerForm
      title={t(contact ? 'contact.editTitle' : 'contact.createTitle')}
      failure={failure}
      busy={busy}
      onSave={() => void save()}
      draft={form}
      onClose={props.onClose}
      onDelete={contact ? () => void remove() : undefined}
      extra={contact && <ContactTimeline contact={contact} />}
    >
      <TextField label={t('contact.name')} required autoFocus value={draft.name} onChange={(name) => update({ name })} error={errors.name} name="contactName" />
      <TextField label={t('contact.title')} value={draft.title} onChange={(title) => update({ title })} error={errors.title} name="contactTitle" />
      <OrganisationPicker
        label={t('contact.organisation')}
        single
        selected={draft.organisationId ? [draft.organisationId] : []}
        onChange={(ids) => update({ organisationId: ids[0] ?? null })}
        name="contactOrganisation"
      />
      <div className="grid-2">
        <TextField
          label={t('contact.email')}
          type="email"
          value={draft.email}
          onChange={(email) => update({ email })}
          error={errors.email}
          name="contactEmail"
        />
        <TextField label={t('contact.phone')} value={draft.phone} onChange={(phone) => update({ phone })} error={errors.phone} name="contactPhone" />
      </div>
      <TextField
        label={t('contact.language')}
        value={draft.language}
        onChange={(language) => update({ language })}
        error={errors.language}
        name="contactLanguage"
      />
      <TextField label={t('contact.notes')} multiline value={draft.notes} onChange={(notes) => update({ notes })} error={errors.notes} name="contactNotes" />
    </DrawerForm>
  );
}

/** The person's follow-ups and their organisation's timeline, with a follow-up to add. */
function ContactTimeline({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const items = useChannel('contact.timeline', { id: contact.id }).data ?? [];
  const [adding, setAdding] = useState(false);
  return (
    <div className="contact-timeline">
      <button type="button" onClick={() => setAdding(true)}>
        + {t('followup.new')}
      </button>
      <Timeline items={items} label={t('contact.timeline', { name: contact.name })} />
      {adding && (
        <FollowupForm
          followup={null}
          about={{ entity: 'contact', recordId: contact.id, title: contact.name }}
          onClose={() => setAdding(false)}
          onSaved={() => setAdding(false)}
        />
      )}
    </div>
  );
}
