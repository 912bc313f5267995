import { describe, expect, it } from 'vitest';
import { nms } from './nms.ts';

const box = (x1: number, y1: number, x2: number, y2: number) => ({ x1, y1, x2, y2 });
type Item = { box: ReturnType<typeof box>; score: number; label: string };
const item = (label: string, score: number, b: ReturnType<typeof box>): Item => ({ box: b, score, label });

describe('nms', () => {
  const cases: { name: string; items: Item[]; iou: number; kept: string[] }[] = [
    { name: 'empty', items: [], iou: 0.5, kept: [] },
    {
      name: 'overlapping same class: highest score survives',
      items: [item('car', 0.6, box(0, 0, 10, 10)), item('car', 0.9, box(1, 0, 11, 10))],
      iou: 0.5,
      kept: ['car:0.9'],
    },
    {
      name: 'overlapping different classes: both kept',
      items: [item('car', 0.6, box(0, 0, 10, 10)), item('truck', 0.9, box(1, 0, 11, 10))],
      iou: 0.5,
      kept: ['truck:0.9', 'car:0.6'],
    },
    {
      name: 'IoU below threshold: both kept',
      items: [item('person', 0.8, box(0, 0, 10, 10)), item('person', 0.7, box(6, 0, 16, 10))],
      iou: 0.5,
      kept: ['person:0.8', 'person:0.7'],
    },
    {
      name: 'suppressed box does not suppress others (chain)',
      items: [
        item('person', 0.9, box(0, 0, 10, 10)),
        item('person', 0.8, box(3, 0, 13, 10)),
        item('person', 0.7, box(7, 0, 17, 10)),
      ],
      iou: 0.5,
      kept: ['person:0.9', 'person:0.7'],
    },
  ];
  it.each(cases)('$name', ({ items, iou, kept }) => {
    expect(nms(items, iou, (i) => i.label).map((i) => `${i.label}:${i.score}`)).toEqual(kept);
  });
});
