import { Picker } from '../components/Picker';
import { useTranslation } from '../i18n';
import { useOrganisationOptions } from './shared';

interface OrganisationPickerProps {
  selected: string[];
  onChange(ids: string[]): void;
  label?: string;
  single?: boolean;
  /** Left out of the choices (the organisation a merge keeps). */
  exclude?: string;
  name?: string;
}

/** Choose organisations by typing their name; the search runs in main over all of them. */
export function OrganisationPicker({ selected, onChange, label, single, exclude, name = 'organisationIds' }: OrganisationPickerProps) {
  const { t } = useTranslation();
  const { options, onQuery } = useOrganisationOptions(selected, exclude);
  return (
    <Picker label={label ?? t('nav.organisations')} single={single} options={options} selected={selected} onChange={onChange} onQuery={onQuery} name={name} />
  );
}
