import { RTSP_PATTERNS, type RtspMountInput } from '../rtsp';
import type { CamerasFile, DemoCamera } from './cameras-file';

export interface CameraAccount {
  username: string;
  password: string;
}

export interface CameraStreams {
  camera: DemoCamera;
  /** The main stream's codec as served: H.265 falls back to H.264 where x265enc is missing. */
  mainCodec: 'h264' | 'h265';
  main: RtspMountInput;
  sub: RtspMountInput;
}

/** Main and sub RTSP mounts for each camera, each camera with its own test pattern and its name burnt in. */
export function planStreams(
  file: CamerasFile,
  accounts: ReadonlyMap<string, CameraAccount>,
  options: { h265: boolean; rtspAuth: boolean },
): CameraStreams[] {
  return file.cameras.map((camera, index) => {
    const account = accounts.get(camera.id);
    const auth = options.rtspAuth && account ? { username: account.username, password: account.password } : undefined;
    const mainCodec = camera.mainCodec === 'h265' && !options.h265 ? 'h264' : camera.mainCodec;
    const label = `${camera.id.toUpperCase()} ${camera.name}`;
    const pattern = RTSP_PATTERNS[index % RTSP_PATTERNS.length];
    const { main, sub } = file.streams;
    return {
      camera,
      mainCodec,
      main: { path: `${camera.id}/main`, codec: mainCodec, ...main, label, pattern, auth },
      sub: { path: `${camera.id}/sub`, codec: 'h264', ...sub, label, pattern, auth },
    };
  });
}
