import { describe, expect, it } from 'vitest';
import { computeLetterbox, frameBoxToInput, inputBoxToFrame } from './letterbox.ts';

describe('computeLetterbox', () => {
  const cases = [
    { name: 'wide frame: pad top and bottom', src: [640, 360], input: [416, 416], scaled: [416, 234], pad: [0, 91] },
    { name: 'tall frame: pad left and right', src: [360, 640], input: [416, 416], scaled: [234, 416], pad: [91, 0] },
    { name: 'square frame: no pad', src: [100, 100], input: [416, 416], scaled: [416, 416], pad: [0, 0] },
    { name: 'odd padding floors the left/top pad', src: [320, 240], input: [640, 481], scaled: [640, 480], pad: [0, 0] },
    { name: 'upscale of a small frame', src: [160, 120], input: [640, 640], scaled: [640, 480], pad: [0, 80] },
    { name: '1080p into 640', src: [1920, 1080], input: [640, 640], scaled: [640, 360], pad: [0, 140] },
  ];
  it.each(cases)('$name', ({ src, input, scaled, pad }) => {
    const lb = computeLetterbox(src[0]!, src[1]!, input[0]!, input[1]!);
    expect([lb.scaledWidth, lb.scaledHeight]).toEqual(scaled);
    expect([lb.padX, lb.padY]).toEqual(pad);
  });

  it('rejects empty sizes', () => {
    expect(() => computeLetterbox(0, 10, 416, 416)).toThrow(/positive/);
  });
});

describe('inputBoxToFrame', () => {
  const lb = computeLetterbox(640, 360, 416, 416);
  const cases = [
    { name: 'whole resized area -> whole frame', input: [0, 91, 416, 325], frame: [0, 0, 1, 1] },
    { name: 'centre quarter', input: [104, 149.5, 312, 266.5], frame: [0.25, 0.25, 0.75, 0.75] },
    { name: 'box reaching into padding is clamped', input: [-20, 0, 100, 200], frame: [0, 0, 100 / 416, 109 / 234] },
  ];
  it.each(cases)('$name', ({ input, frame }) => {
    const b = inputBoxToFrame(lb, input[0]!, input[1]!, input[2]!, input[3]!);
    [b.x1, b.y1, b.x2, b.y2].forEach((v, i) => expect(v).toBeCloseTo(frame[i]!, 6));
  });

  it('is the inverse of frameBoxToInput inside the frame', () => {
    const box = { x1: 0.1, y1: 0.2, x2: 0.6, y2: 0.9 };
    const i = frameBoxToInput(lb, box);
    const back = inputBoxToFrame(lb, i.x1, i.y1, i.x2, i.y2);
    expect(back.x1).toBeCloseTo(box.x1, 9);
    expect(back.y2).toBeCloseTo(box.y2, 9);
  });
});
