export {
  createRtspH264Reader,
  type RtspH264Reader,
  type RtspH264ReaderOptions,
  type RtspPlayingInfo,
} from './rtsp-client';
export { RtspError, RtspProtocolError, type RtspErrorKind } from './errors';
export type { H264DepacketizerStats } from './rtp-h264';
export type { H264AccessUnit, H264Parameters } from './types';
export { normalizeFingerprint, type RtspTlsPin } from './tls-pin';
export { openTlsRelay, type TlsRelay, type TlsRelayOptions } from './tls-relay';
