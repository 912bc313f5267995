/**
 * The sound cue: a short two-tone beep made with WebAudio (no audio file). The AudioContext is
 * created lazily and resumed on the first user gesture (browsers block sound before one).
 */
let ctx: AudioContext | undefined;
let lastBeepMs = 0;
const MIN_GAP_MS = 1200;

function context(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  ctx ??= new AudioContext();
  return ctx;
}

/** Call from a user gesture handler so later beeps are allowed. */
export function unlockAudio(): void {
  const c = context();
  if (c && c.state === 'suspended') void c.resume();
}

/** Plays the alert beep; several alerts within MIN_GAP_MS give one beep. */
export function beep(nowMs = Date.now()): void {
  if (nowMs - lastBeepMs < MIN_GAP_MS) return;
  const c = context();
  if (!c || c.state !== 'running') return;
  lastBeepMs = nowMs;
  const t0 = c.currentTime;
  [880, 1175].forEach((freq, i) => {
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = t0 + i * 0.14;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.12);
    osc.connect(gain).connect(c.destination);
    osc.start(start);
    osc.stop(start + 0.13);
  });
}
