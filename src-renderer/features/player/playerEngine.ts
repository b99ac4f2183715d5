/** What a live session needs from a player, whichever way it decodes (MSE into <video>, WebCodecs onto <canvas>). */
export type PlayerFault = 'unsupported' | 'decode' | 'overflow';

export interface PlayerEvents {
  /** A new picture was presented; the count of pictures presented so far. */
  onFrame(presentedFrames: number): void;
  onFault(fault: PlayerFault, detail: string): void;
}

export interface PlayerPicture {
  width: number;
  height: number;
  droppedFrames: number;
}

export interface PlayerEngine {
  /** (Re)starts with a new init segment. */
  init(bytes: Uint8Array, mime: string): void;
  append(bytes: Uint8Array): void;
  /** Seconds between the picture on show and the newest frame received. */
  lagSeconds(): number | null;
  picture(): PlayerPicture;
  dispose(): void;
}
