import { describe, expect, it } from 'vitest';
import { cameraIdentity, reportedCameraOf } from './camera-reports';

const dome = {
  manufacturer: 'HIKVISION',
  model: 'DS-2DE4425IW-DE',
  serial: 'DS-2DE4425IW-DE20200101AAWR1',
  host: '10.0.0.5',
  port: 80,
};

describe('a camera’s identity across workstations', () => {
  it('is its manufacturer, model and serial, whatever the case, spacing or address', () => {
    const key = cameraIdentity(dome);
    expect(key).toBe('onvif:hikvision/ds-2de4425iw-de/ds-2de4425iw-de20200101aawr1');
    expect(
      cameraIdentity({
        ...dome,
        manufacturer: ' Hikvision ',
        model: 'ds-2de4425iw-de',
        host: 'cam-5.local',
        port: 8080,
      }),
    ).toBe(key);
    expect(cameraIdentity({ ...dome, serial: 'DS-2DE4425IW-DE20200101AAWR2' })).not.toBe(key);
    expect(cameraIdentity({ ...dome, manufacturer: 'Dahua' })).not.toBe(key);
  });

  it('falls back to the service address when the camera reports no usable serial', () => {
    for (const serial of ['', '   ', '0000000', 'N/A', 'unknown', '123456789', 'SerialNumber']) {
      expect(cameraIdentity({ ...dome, serial, host: 'CAM-5.Local.' })).toBe('addr:cam-5.local:80');
    }
    expect(cameraIdentity({ ...dome, serial: '', host: '[FE80::1]', port: 8000 })).toBe('addr:fe80::1:8000');
    expect(cameraIdentity({ ...dome, serial: '', host: '10.0.0.5', port: 81 })).not.toBe(
      cameraIdentity({ ...dome, serial: '', port: 80 }),
    );
  });

  it('finds this workstation’s camera of a camera alert, by identity or (offline) by id', () => {
    const cameras = [{ id: 'cam-1', ...dome }, { id: 'cam-2' }];
    const motion = { source: 'camera', type: 'camera.motion', sourceId: cameraIdentity(dome) };
    expect(reportedCameraOf(motion, cameras)).toMatchObject({ camera: { id: 'cam-1' }, kind: 'motion' });
    expect(reportedCameraOf({ ...motion, type: 'camera.offline', sourceId: 'cam-2' }, cameras)).toMatchObject({
      camera: { id: 'cam-2' },
      kind: 'offline',
    });
    expect(reportedCameraOf({ ...motion, source: 'ngsi-ld' }, cameras)).toBeNull();
    expect(reportedCameraOf({ ...motion, type: 'flood.level' }, cameras)).toBeNull();
    expect(reportedCameraOf({ ...motion, sourceId: 'onvif:axis/p1448-le/1' }, cameras)).toBeNull();
  });
});
