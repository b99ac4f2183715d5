let context: AudioContext | null = null;

/**
 * A short two-tone chime for critical alerts, generated with WebAudio (no audio file to ship or fetch). The
 * context is created on first use; browsers allow it after the sign-in click.
 */
export function playCriticalTone(): void {
  if (typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    chime(context);
  } catch {
    // No audio device, or the browser refused: the alert still shows; the sound is a courtesy.
  }
}

function chime(ctx: AudioContext): void {
  if (ctx.state === 'suspended') void ctx.resume();
  const start = ctx.currentTime;
  [880, 660, 880].forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const t = start + i * 0.18;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.17);
  });
}
