import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimCamera, type SimCamera } from './camera';
import { PERSONALITIES, type Personality } from './personalities';
import { soapCall, type SoapResult } from './testing/soap-client';
import { attrLocal, descend, textAt } from './soap/xml';

const PTZ = 'xmlns="http://www.onvif.org/ver20/ptz/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"';
const CREDS = { username: 'admin', password: 'ptz-pw' };

interface Status {
  pan: number;
  tilt: number;
  zoom: number;
  moveStatus: string | undefined;
}

function session(camera: () => SimCamera) {
  const call = (op: string) => soapCall(camera().url, op, { credentials: CREDS, auth: 'digest' });
  const token = () => camera().profiles[0]?.token ?? '';
  const ok = async (op: string): Promise<SoapResult> => {
    const r = await call(op);
    if (r.status !== 200) throw new Error(`${op} → ${r.status} ${r.fault?.subcodes.join('/') ?? r.text.slice(0, 200)}`);
    return r;
  };
  const status = async (): Promise<Status> => {
    const r = await ok(`<GetStatus ${PTZ}><ProfileToken>${token()}</ProfileToken></GetStatus>`);
    const position = descend(r.operation, 'PTZStatus', 'Position');
    return {
      pan: Number(attrLocal(descend(position, 'PanTilt'), 'x')),
      tilt: Number(attrLocal(descend(position, 'PanTilt'), 'y')),
      zoom: Number(attrLocal(descend(position, 'Zoom'), 'x')),
      moveStatus: textAt(r.operation, 'PTZStatus', 'MoveStatus', 'PanTilt'),
    };
  };
  /** Polls (no fixed sleep) until the head reports no motion. */
  const untilIdle = async () => {
    for (let i = 0; i < 500; i++) {
      const s = camera().ptzState();
      if (!s.panTiltMoving && !s.zoomMoving) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the head never stopped');
  };
  return { call, ok, status, token, untilIdle };
}

describe.each(PERSONALITIES)('%s PTZ', (personality: Personality) => {
  let camera: SimCamera;
  const s = session(() => camera);
  beforeAll(async () => {
    camera = await startSimCamera({ personality, ...CREDS, auth: 'digest', ptzSpeed: 10 });
  });
  afterAll(() => camera.dispose());

  it('pans under ContinuousMove until Stop, then holds still', async () => {
    await s.ok(
      `<AbsoluteMove ${PTZ}><ProfileToken>${s.token()}</ProfileToken><Position><tt:PanTilt x="-0.5" y="0"/></Position></AbsoluteMove>`,
    );
    await s.untilIdle();
    const before = await s.status();
    await s.ok(
      `<ContinuousMove ${PTZ}><ProfileToken>${s.token()}</ProfileToken><Velocity><tt:PanTilt x="0.05" y="0"/><tt:Zoom x="0"/></Velocity><Timeout>PT10S</Timeout></ContinuousMove>`,
    );
    let moving = await s.status();
    for (let i = 0; i < 200 && moving.pan === before.pan; i++) moving = await s.status();
    expect(moving.pan).toBeGreaterThan(before.pan);
    if (personality !== 'hikvision') expect(moving.moveStatus).toBe('MOVING');
    await s.ok(`<Stop ${PTZ}><ProfileToken>${s.token()}</ProfileToken><PanTilt>true</PanTilt><Zoom>true</Zoom></Stop>`);
    const stopped = await s.status();
    expect(await s.status()).toEqual(stopped);
    expect(camera.ptzState().panTiltMoving).toBe(false);
    if (personality === 'hikvision')
      expect(stopped.moveStatus).toBeUndefined(); // the capture has no MoveStatus
    else expect(stopped.moveStatus).toBe('IDLE');
  });

  it('stops by itself at the move Timeout', async () => {
    await s.ok(
      `<ContinuousMove ${PTZ}><ProfileToken>${s.token()}</ProfileToken><Velocity><tt:PanTilt x="0" y="0.05"/></Velocity><Timeout>PT0.2S</Timeout></ContinuousMove>`,
    );
    expect(camera.ptzState().panTiltMoving).toBe(true);
    await s.untilIdle();
    const at = await s.status();
    expect(await s.status()).toEqual(at);
  });

  it('goes to absolute and relative positions and home', async () => {
    await s.ok(
      `<AbsoluteMove ${PTZ}><ProfileToken>${s.token()}</ProfileToken><Position><tt:PanTilt x="0.25" y="-0.5"/><tt:Zoom x="0"/></Position></AbsoluteMove>`,
    );
    await s.untilIdle();
    expect(await s.status()).toMatchObject({
      pan: expect.closeTo(0.25, 5) as number,
      tilt: expect.closeTo(-0.5, 5) as number,
    });
    await s.ok(
      `<RelativeMove ${PTZ}><ProfileToken>${s.token()}</ProfileToken><Translation><tt:PanTilt x="0.1" y="0.2"/></Translation></RelativeMove>`,
    );
    await s.untilIdle();
    expect(await s.status()).toMatchObject({
      pan: expect.closeTo(0.35, 5) as number,
      tilt: expect.closeTo(-0.3, 5) as number,
    });
    await s.ok(`<SetHomePosition ${PTZ}><ProfileToken>${s.token()}</ProfileToken></SetHomePosition>`);
    await s.ok(
      `<AbsoluteMove ${PTZ}><ProfileToken>${s.token()}</ProfileToken><Position><tt:PanTilt x="0" y="0"/></Position></AbsoluteMove>`,
    );
    await s.untilIdle();
    await s.ok(`<GotoHomePosition ${PTZ}><ProfileToken>${s.token()}</ProfileToken></GotoHomePosition>`);
    await s.untilIdle();
    expect(camera.ptzState()).toMatchObject({
      pan: expect.closeTo(0.35, 5) as number,
      tilt: expect.closeTo(-0.3, 5) as number,
    });
  });

  it('refuses out-of-range velocities and positions, unknown profiles and bad timeouts', async () => {
    const bad = async (op: string, subcode: string) => {
      const r = await s.call(op);
      expect(r.status).toBe(400);
      expect(r.fault?.subcodes).toEqual(['ter:InvalidArgVal', subcode]);
    };
    const t = s.token();
    await bad(
      `<ContinuousMove ${PTZ}><ProfileToken>${t}</ProfileToken><Velocity><tt:PanTilt x="2" y="0"/></Velocity></ContinuousMove>`,
      'ter:InvalidVelocity',
    );
    await bad(
      `<AbsoluteMove ${PTZ}><ProfileToken>${t}</ProfileToken><Position><tt:PanTilt x="0" y="-3"/></Position></AbsoluteMove>`,
      'ter:InvalidPosition',
    );
    await bad(
      `<ContinuousMove ${PTZ}><ProfileToken>${t}</ProfileToken><Velocity><tt:PanTilt x="1" y="0"/></Velocity><Timeout>soon</Timeout></ContinuousMove>`,
      'ter:InvalidTimeout',
    );
    await bad(`<Stop ${PTZ}><ProfileToken>missing</ProfileToken></Stop>`, 'ter:NoProfile');
  });
});

describe('PTZ quirks', () => {
  it('refuses fractional timeouts when set to whole seconds only, and uses DefaultPTZTimeout without one', async () => {
    const camera = await startSimCamera({ personality: 'pelco', auth: 'none', wholeSecondPtzTimeouts: true });
    try {
      const t = camera.profiles[0]?.token ?? '';
      const move = (timeout: string) =>
        soapCall(
          camera.url,
          `<ContinuousMove ${PTZ}><ProfileToken>${t}</ProfileToken><Velocity><tt:PanTilt x="0.1" y="0"/></Velocity>${timeout}</ContinuousMove>`,
        );
      expect((await move('<Timeout>PT0.5S</Timeout>')).fault?.subcodes).toEqual([
        'ter:InvalidArgVal',
        'ter:InvalidTimeout',
      ]);
      expect((await move('<Timeout>PT1S</Timeout>')).status).toBe(200);
      expect((await move('')).status).toBe(200); // Pelco's DefaultPTZTimeout is PT16S
      expect(camera.ptzState().panTiltMoving).toBe(true);
    } finally {
      await camera.dispose();
    }
  });
});
