import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { handlers } from '../../electron/handlers';
import { dispatch } from '../../electron/ipc/dispatch';
import { contract } from '../../shared/contract';
import { openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

describe('contract', () => {
  it('has exactly one handler per channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('refuses unknown channels and malformed input with codes, never a crash', async () => {
    app = await setUpMission(openContext());
    expect(await dispatch(app, 'nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(app, 'activity.get', { id: 'not-an-id' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'id', code: 'invalid_id' }] },
    });
    expect(await dispatch(app, 'activity.create', 'a string')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatch(app, 'activity.create', { title: 'x', kind: 'trade-promotion', startDate: '2025-01-01', dealValueUsd: -5 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'dealValueUsd', code: 'not_negative_number' }] },
    });
    expect(await dispatch(app, 'activity.get', { id: '00000000-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('validates the mission at setup, and refuses a second setup', async () => {
    app = openContext();
    const bad = await dispatch(app, 'app.setup', {
      mission: { code: 'x', nameVi: '', nameEn: 'E', kind: 'palace', country: 'ZZ', city: 'T' },
      user: { name: 'A', role: 'staff' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const codes = Object.fromEntries((bad as { error: { fields: { path: string; code: string }[] } }).error.fields.map((f) => [f.path, f.code]));
    expect(codes).toMatchObject({
      'mission.code': 'invalid_choice',
      'mission.nameVi': 'required',
      'mission.kind': 'invalid_choice',
      'mission.country': 'invalid_country',
    });
    await setUpMission(app);
    expect(await dispatch(app, 'app.state', {})).toMatchObject({ ok: true, value: { setUp: true, mission: { code: 'DSQ-JP', country: 'JP' } } });
    expect(
      await dispatch(app, 'app.setup', {
        mission: { code: 'DSQ-FR', nameVi: 'a', nameEn: 'b', kind: 'embassy', country: 'FR', city: 'Paris' },
        user: { name: 'A', role: 'staff' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_SET_UP' },
    });
  });
});
