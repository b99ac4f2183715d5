export interface H264AccessUnit {
  /** NAL units without start codes or length prefixes, in decode order (AUD/SEI may be dropped). */
  nalus: Buffer[];
  /** RTP timestamp unwrapped to a monotonic 90 kHz count starting at 0 for the session. */
  pts90k: number;
  /** Contains an IDR slice (nal type 5). */
  key: boolean;
}

/** Raw NAL units, no start codes. */
export interface H264Parameters {
  sps: Buffer;
  pps: Buffer;
}
