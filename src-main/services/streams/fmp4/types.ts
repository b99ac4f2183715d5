/** One coded picture from the RTSP/RTP reader. NAL units without start codes; pts monotonic, 90 kHz, from 0. */
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
