/** Partner organisations of a record (an activity), chosen by typing part of a name. */
import { Picker } from '../components/Picker';
import { useTranslation } from '../i18n';
import { useOrganisationOptions } from './shared';

export function OrganisationPicker({ selected, onChange }: { selected: string[]; onChange(ids: string[]): void }) {
  const { t } = useTranslation();
  return <Picker label={t('nav.organisations')} options={useOrganisationOptions()} selected={selected} onChange={onChange} name="organisationIds" />;
}
