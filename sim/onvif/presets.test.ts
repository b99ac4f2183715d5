import { afterEach, describe, expect, it } from 'vitest';
import { startSimCamera, type SimCamera } from './camera';
import type { Personality } from './personalities';
import { soapCall } from './testing/soap-client';
import { child, textAt, type XmlElement } from './soap/xml';

const PTZ = 'xmlns="http://www.onvif.org/ver20/ptz/wsdl"';

let camera: SimCamera | null = null;
afterEach(async () => {
  await camera?.dispose();
  camera = null;
});

async function open(personality: Personality) {
  camera = await startSimCamera({ personality, auth: 'none', ptzSpeed: 20 });
  const cam = camera;
  const token = cam.profiles[0]?.token ?? '';
  const call = (op: string) => soapCall(cam.url, op);
  const presets = async (): Promise<XmlElement[]> =>
    (
      (await call(`<GetPresets ${PTZ}><ProfileToken>${token}</ProfileToken></GetPresets>`)).operation?.children ?? []
    ).filter((el) => el.local === 'Preset');
  const setPreset = (name: string | null, presetToken?: string) =>
    call(
      `<SetPreset ${PTZ}><ProfileToken>${token}</ProfileToken>` +
        (name === null ? '' : `<PresetName>${name}</PresetName>`) +
        (presetToken ? `<PresetToken>${presetToken}</PresetToken>` : '') +
        '</SetPreset>',
    );
  const goto = (presetToken: string) =>
    call(
      `<GotoPreset ${PTZ}><ProfileToken>${token}</ProfileToken><PresetToken>${presetToken}</PresetToken></GotoPreset>`,
    );
  const remove = (presetToken: string) =>
    call(
      `<RemovePreset ${PTZ}><ProfileToken>${token}</ProfileToken><PresetToken>${presetToken}</PresetToken></RemovePreset>`,
    );
  const untilIdle = async () => {
    for (let i = 0; i < 500 && (cam.ptzState().panTiltMoving || cam.ptzState().zoomMoving); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { cam, presets, setPreset, goto, remove, untilIdle };
}

describe('presets', () => {
  it('lists the captured presets by token, with Hikvision function presets and nameless slots as captured', async () => {
    const { presets } = await open('hikvision');
    const list = await presets();
    expect(list).toHaveLength(255);
    const byToken = new Map(list.map((p) => [p.attrs.token, textAt(p, 'Name')]));
    expect(byToken.get('94')).toBe('Remote reboot');
    expect(byToken.get('1')).toBe('preset 1');
    expect(byToken.get('2')).toBe('preset 1'); // duplicate names, as captured
    expect(byToken.has('6')).toBe(false);
    expect(byToken.get('7')).toBeUndefined();
  });

  it.each([
    ['axis', /^23$/],
    ['hikvision', /^6$/],
    ['pelco', /^[0-9a-f-]{36}$/],
    ['agsh', /^P021$/],
  ] as const)('%s names a new preset the vendor way', async (personality, shape) => {
    const { setPreset, presets } = await open(personality);
    const r = await setPreset('Cổng trường');
    expect(r.status).toBe(200);
    const token = textAt(r.operation, 'PresetToken') ?? '';
    expect(token).toMatch(shape);
    const created = (await presets()).find((p) => p.attrs.token === token);
    expect(textAt(created, 'Name')).toBe('Cổng trường');
  });

  it('keeps special characters in names intact and moves to a preset position', async () => {
    const { cam, setPreset, presets, goto, untilIdle } = await open('pelco');
    const name = `A&B <"Ngã tư"> 'x'`;
    const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const token = textAt((await setPreset(escaped)).operation, 'PresetToken') ?? '';
    const saved = (await presets()).find((p) => p.attrs.token === token);
    expect(textAt(saved, 'Name')).toBe(name);
    const captured = (await presets())[0];
    const panTilt = child(child(captured, 'PTZPosition'), 'PanTilt');
    expect((await goto(captured?.attrs.token ?? '')).status).toBe(200);
    await untilIdle();
    expect(cam.ptzState().pan).toBeCloseTo(Number(panTilt?.attrs.x), 5);
    expect(cam.ptzState().tilt).toBeCloseTo(Number(panTilt?.attrs.y), 5);
  });

  it('overwrites by token, removes, and refuses unknown tokens', async () => {
    const { setPreset, remove, goto, presets } = await open('axis');
    expect((await setPreset('Renamed', '22')).status).toBe(200);
    expect(
      textAt(
        (await presets()).find((p) => p.attrs.token === '22'),
        'Name',
      ),
    ).toBe('Renamed');
    expect((await remove('22')).status).toBe(200);
    expect((await presets()).some((p) => p.attrs.token === '22')).toBe(false);
    for (const r of [await remove('22'), await goto('22'), await setPreset('x', '22')]) {
      expect(r.fault?.subcodes).toEqual(['ter:InvalidArgVal', 'ter:NoToken']);
    }
  });

  it('runs Hikvision function presets without moving and refuses to change them; fills the one free slot', async () => {
    const { cam, goto, setPreset, remove } = await open('hikvision');
    const before = cam.ptzState();
    expect((await goto('95')).status).toBe(200); // "Call OSD menu"
    expect(cam.ptzState()).toMatchObject({ pan: before.pan, tilt: before.tilt, panTiltMoving: false });
    expect((await setPreset('mine', '95')).fault?.subcodes).toEqual(['ter:InvalidArgVal', 'ter:InvalidPreset']);
    expect((await remove('94')).fault?.subcodes).toEqual(['ter:InvalidArgVal', 'ter:InvalidPreset']);
    expect(textAt((await setPreset('sixth')).operation, 'PresetToken')).toBe('6');
    const full = await setPreset('one too many');
    expect(full.status).toBe(500);
    expect(full.fault?.subcodes).toEqual(['ter:Action', 'ter:TooManyPresets']);
    expect(cam.presets().find((p) => p.token === '6')?.name).toBe('sixth');
  });
});
