export { createFmp4Muxer, Fmp4MuxError, Fmp4OrderError, type Fmp4Muxer } from './fmp4-writer';
export { H264SpsError, parseSps, type H264FrameTiming, type H264Sps, type H264SpsErrorReason } from './h264-sps';
export type { H264AccessUnit, H264Parameters } from './types';
