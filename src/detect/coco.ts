/** The 80 COCO classes in the order NanoDet and YOLO COCO exports use, and their Vigie labels. */
import type { Label } from '../core/types.ts';

export const COCO_CLASSES = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light',
  'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow',
  'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee',
  'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard',
  'tennis racket', 'bottle', 'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple',
  'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch',
  'potted plant', 'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone',
  'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors', 'teddy bear',
  'hair drier', 'toothbrush',
] as const;

/** COCO name -> Vigie label, for the classes Vigie keeps; every other class is dropped. */
const COCO_TO_LABEL: Readonly<Record<string, Label>> = {
  person: 'person',
  bicycle: 'bicycle',
  car: 'car',
  motorcycle: 'motorcycle',
  bus: 'bus',
  truck: 'truck',
  backpack: 'backpack',
  handbag: 'handbag',
  suitcase: 'suitcase',
  knife: 'knife',
  'baseball bat': 'baseball_bat',
  scissors: 'scissors',
};

/** Class index -> Vigie label for the COCO class order (unmapped indices absent). */
export function cocoClassMap(): ReadonlyMap<number, Label> {
  const map = new Map<number, Label>();
  COCO_CLASSES.forEach((name, i) => {
    const label = COCO_TO_LABEL[name];
    if (label) map.set(i, label);
  });
  return map;
}
