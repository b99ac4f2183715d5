/**
 * One coded picture from the RTSP/RTP reader, in decode order. NAL units without start codes; pts90k is the
 * presentation time (90 kHz, from 0), which goes back between units when the stream has B-frames.
 */
export interface H264AccessUnit {
  nalus: Buffer[];
  pts90k: number;
  key: boolean;
}

/** The stream's parameter sets as raw NAL units (header byte included, emulation prevention kept). */
export interface H264Parameters {
  sps: Buffer;
  pps: Buffer;
}
