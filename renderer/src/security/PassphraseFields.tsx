/** A new passphrase typed twice, with a show/hide toggle and a strength meter. */
import { useMemo, useState } from 'react';
import { TextField } from '../components/fields';
import { useTranslation } from '../i18n';
import { loadStrength, useStrength } from './strength';

export interface NewPassphrase {
  passphrase: string;
  confirm: string;
}

/** The field errors of a new passphrase (validation codes), before main sees it. */
export async function newPassphraseErrors({ passphrase, confirm }: NewPassphrase): Promise<Record<string, string>> {
  if (!passphrase) return { passphrase: 'required' };
  // The same rule main applies (WEAK_PASSPHRASE), told before the slow key derivation.
  const { problem } = (await loadStrength())(passphrase);
  if (problem) return { passphrase: problem };
  if (passphrase !== confirm) return { confirm: 'passphrase_mismatch' };
  return {};
}

interface Props {
  value: NewPassphrase;
  onChange(value: NewPassphrase): void;
  errors: Record<string, string>;
  labels?: { passphrase: string; confirm: string };
  autoFocus?: boolean;
}

export function PassphraseFields({ value, onChange, errors, labels, autoFocus }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const type = visible ? 'text' : 'password';
  const rate = useStrength();
  const strength = useMemo(() => (value.passphrase && rate ? rate(value.passphrase) : null), [value.passphrase, rate]);
  return (
    <div className="passphrase-fields">
      <TextField
        label={labels?.passphrase ?? t('security.passphrase')}
        required
        type={type}
        hint={t('security.passphraseHint')}
        value={value.passphrase}
        onChange={(passphrase) => onChange({ ...value, passphrase })}
        error={errors.passphrase}
        name="passphrase"
        autoFocus={autoFocus}
      />
      {strength && (
        <div className="passphrase-strength" data-score={strength.score}>
          <meter min={0} max={4} low={2} high={3} optimum={4} value={strength.score} aria-label={t('security.strength.label')} />
          <span className="small">{t(`security.strength.${strength.score}`)}</span>
        </div>
      )}
      <TextField
        label={labels?.confirm ?? t('security.passphraseConfirm')}
        required
        type={type}
        value={value.confirm}
        onChange={(confirm) => onChange({ ...value, confirm })}
        error={errors.confirm}
        name="passphraseConfirm"
      />
      <button type="button" className="link" aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
        {visible ? t('security.hide') : t('security.show')}
      </button>
    </div>
  );
}
