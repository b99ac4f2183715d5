import { describe, expect, it } from 'vitest';
import { initialForm, newCaseInput } from './newCaseForm';

describe('the new-case form', () => {
  it('starts from the camera: its position, snapshot attached', () => {
    expect(initialForm({ location: { lat: 10.46, lon: 105.63 } })).toMatchObject({
      lat: '10.46',
      long: '105.63',
      attachSnapshot: true,
    });
    expect(initialForm(null)).toMatchObject({ lat: '', long: '', attachSnapshot: false });
  });

  it('builds the command input, with the snapshot only when asked', () => {
    const form = { ...initialForm({ location: { lat: 10.46, lon: 105.63 } }), serviceCode: 'traffic' };
    expect(newCaseInput({ ...form, description: '  Ùn tắc  ' }, 'cam-1')).toEqual({
      ok: true,
      input: { serviceCode: 'traffic', description: 'Ùn tắc', lat: 10.46, long: 105.63, snapshotCameraId: 'cam-1' },
    });
    const without = newCaseInput({ ...form, description: 'x', attachSnapshot: false, lat: '', long: '' }, 'cam-1');
    expect(without).toEqual({ ok: true, input: { serviceCode: 'traffic', description: 'x' } });
  });

  it('says what is missing or wrong', () => {
    const base = initialForm(null);
    expect(newCaseInput(base, null)).toEqual({ ok: false, problem: 'needCategory' });
    expect(newCaseInput({ ...base, serviceCode: 'waste', description: ' ' }, null)).toEqual({
      ok: false,
      problem: 'needDescription',
    });
    const located = { ...base, serviceCode: 'waste', description: 'x' };
    expect(newCaseInput({ ...located, lat: '10' }, null)).toEqual({ ok: false, problem: 'badLocation' });
    expect(newCaseInput({ ...located, lat: '91', long: '1' }, null)).toEqual({ ok: false, problem: 'badLocation' });
    expect(newCaseInput({ ...located, lat: 'abc', long: '1' }, null)).toEqual({ ok: false, problem: 'badLocation' });
    expect(newCaseInput({ ...located, lat: '10,5', long: '105,6' }, null)).toMatchObject({
      ok: true,
      input: { lat: 10.5, long: 105.6 },
    });
  });
});
