/**
 * The sound cues, made with WebAudio (no audio file): one pattern per priority, so an operator
 * tells a weapon from an abandoned object without looking. The AudioContext is created lazily and
 * resumed on a user gesture (browsers block sound before one): while it is suspended a cue is
 * 'blocked', which the console shows as a banner.
 */
import type { Priority } from './priority.ts';

/** One tone of a pattern: frequency, start from the cue's start, duration. */
export interface Tone {
  readonly freqHz: number;
  readonly startS: number;
  readonly durS: number;
}

const tones = (freqs: readonly number[], stepS: number, durS: number): Tone[] => freqs.map((freqHz, i) => ({ freqHz, startS: i * stepS, durS }));

/** 1 critical: six fast alternating high tones; 2 high: the two-tone beep; 3 normal: one low tone. */
export const CUE_PATTERNS: Readonly<Record<Priority, readonly Tone[]>> = {
  1: tones([1319, 988, 1319, 988, 1319, 988], 0.11, 0.09),
  2: tones([880, 1175], 0.14, 0.12),
  3: tones([660], 0, 0.25),
};

export type CueOutcome = 'played' | 'blocked' | 'unavailable';

/** What a cue comes to in an AudioContext of this state (undefined: no WebAudio). Pure. */
export function cueOutcome(state: AudioContextState | 'interrupted' | undefined): CueOutcome {
  if (state === 'running') return 'played';
  if (state === 'suspended' || state === 'interrupted') return 'blocked';
  return 'unavailable';
}

let ctx: AudioContext | undefined;

function context(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  ctx ??= new AudioContext();
  return ctx;
}

/** Call from a user gesture handler so later cues are allowed; resolves true once sound plays. */
export async function unlockAudio(): Promise<boolean> {
  const c = context();
  if (c && c.state === 'suspended') await c.resume();
  return c?.state === 'running';
}

/** Tells `listener` each time the sound is allowed or blocked again; returns the unsubscribe. */
export function onAudioStateChange(listener: (outcome: CueOutcome) => void): () => void {
  const c = context();
  if (!c) return () => undefined;
  const handler = (): void => listener(cueOutcome(c.state));
  c.addEventListener('statechange', handler);
  return () => c.removeEventListener('statechange', handler);
}

/** Plays the pattern of a priority, or says why it could not. */
export function playCue(priority: Priority): CueOutcome {
  const c = context();
  const outcome = cueOutcome(c?.state);
  if (!c || outcome !== 'played') return outcome;
  const t0 = c.currentTime;
  for (const tone of CUE_PATTERNS[priority]) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'sine';
    osc.frequency.value = tone.freqHz;
    const start = t0 + tone.startS;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + tone.durS);
    osc.connect(gain).connect(c.destination);
    osc.start(start);
    osc.stop(start + tone.durS + 0.01);
  }
  return outcome;
}
