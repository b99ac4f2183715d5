export interface H264AccessUnit {
  /** NAL units without start codes or length prefixes, in decode order (AUD/SEI may be dropped). */
  nalus: Buffer[];
  /**
   * Presentation time: the RTP timestamp unwrapped to a 90 kHz count from 0 for the session. Units come in decode
   * order, so with B-frames this goes back (within rtp-clock's reorder window); from a key unit on, never below it.
   */
  pts90k: number;
  /** Contains an IDR slice (nal type 5). */
  key: boolean;
}

/** Raw NAL units, no start codes. */
export interface H264Parameters {
  sps: Buffer;
  pps: Buffer;
}
