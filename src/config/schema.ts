/**
 * The site configuration: cameras, zones, enabled events, rule parameters, detector.
 * Strict: unknown keys are errors. Every field has a description (it feeds the docs and the API).
 */
import { z } from 'zod';
import { EVENT_TYPES, LABELS } from '../core/types.ts';
import { isSelfIntersecting, polygonArea } from '../core/geometry.ts';
import { DEFAULT_LANG, LANGS } from '../core/lang.ts';
import { retentionSchema } from './retention.ts';

export const eventTypeSchema = z.enum(EVENT_TYPES);
export const labelSchema = z.enum(LABELS);
export const labelGroupSchema = z.enum(['person', 'vehicle', 'bag', 'weapon', 'fire']);

const fraction = z.number().min(0).max(1);
export const pointSchema = z
  .tuple([fraction, fraction])
  .describe('A point [x, y] in fractions of frame width and height, origin top-left');

/** Smallest zone accepted, as a fraction of the frame area (0.1 % of the frame). */
export const MIN_ZONE_AREA = 0.001;

export const polygonSchema = z
  .array(pointSchema)
  .min(3, 'a polygon needs at least 3 points')
  .max(64, 'a polygon has at most 64 points')
  .superRefine((pts, ctx) => {
    const poly = pts.map(([x, y]) => ({ x, y }));
    if (pts.length >= 3 && polygonArea(poly) < MIN_ZONE_AREA) {
      ctx.addIssue({ code: 'custom', message: `polygon is too small (area under ${MIN_ZONE_AREA * 100} % of the frame)` });
    }
    if (pts.length >= 4 && isSelfIntersecting(poly)) {
      ctx.addIssue({ code: 'custom', message: 'polygon edges cross each other (self-intersecting)' });
    }
  });

export const zoneSchema = z
  .strictObject({
    id: z.string().min(1).max(64).describe('Zone identifier, unique within the camera'),
    kind: z
      .enum(['forbidden', 'flow', 'crowd', 'watch'])
      .describe('forbidden -> intrusion, flow -> wrong_way, crowd -> crowd_density, watch -> restricts other events'),
    polygon: polygonSchema,
    direction: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe('kind flow: allowed direction of travel [dx, dy] in image coordinates (y down)'),
    areaM2: z.number().positive().optional().describe('kind crowd: real ground area of the polygon in m²'),
    maxPersonsPerM2: z.number().positive().optional().describe('kind crowd: density above which crowd_density is true'),
    groups: z
      .array(labelGroupSchema)
      .min(1)
      .optional()
      .describe('Object groups the zone applies to (intrusion, wrong_way); default person and vehicle'),
  })
  .superRefine((zone, ctx) => {
    if (zone.kind === 'flow') {
      if (!zone.direction) ctx.addIssue({ code: 'custom', path: ['direction'], message: 'a flow zone needs a direction' });
      else if (Math.hypot(zone.direction[0], zone.direction[1]) === 0)
        ctx.addIssue({ code: 'custom', path: ['direction'], message: 'direction must not be [0, 0]' });
    }
    if (zone.kind === 'crowd' && zone.maxPersonsPerM2 !== undefined && zone.areaM2 === undefined) {
      ctx.addIssue({ code: 'custom', path: ['areaM2'], message: 'a crowd zone with maxPersonsPerM2 needs areaM2' });
    }
  });

export const paramsSchema = z
  .strictObject({
    minDwellSeconds: z.number().min(0).max(3600).default(1).describe('intrusion: time inside the zone before it counts'),
    exitGraceSeconds: z
      .number()
      .min(0)
      .max(600)
      .default(3)
      .describe('intrusion: time a track must stay outside (or unseen) before a new entry can alert again'),
    wrongWayMinSeconds: z
      .number()
      .min(0.2)
      .max(60)
      .default(1.5)
      .describe('wrong_way: span of track history over which the displacement is measured'),
    wrongWayAngleDeg: z
      .number()
      .min(90)
      .max(180)
      .default(120)
      .describe('wrong_way: minimum angle between the motion and the allowed direction'),
    wrongWayMinDistance: z
      .number()
      .min(0)
      .max(1)
      .default(0.06)
      .describe('wrong_way: minimum displacement over the span, in fractions of the frame diagonal'),
    unattendedSeconds: z.number().min(0).max(3600).default(10).describe('abandoned_object: time left unattended'),
    abandonedMinEvidence: z
      .number()
      .min(0.25)
      .max(4)
      .default(1)
      .describe('abandoned_object: evidence a static blob needs to be an object (sum of outline, stand-out, texture and bag-score cues, each 0..1); lower is more sensitive'),
    downSeconds: z.number().min(0).max(600).default(2).describe('person_down: time on the ground before it counts'),
    fallDescent: z
      .number()
      .min(0.3)
      .max(0.9)
      .default(0.5)
      .describe('person_down: how far the top of a fallen body must be below the top of the upright person, in standing heights (lower: more sensitive)'),
    fallMinHeight: z
      .number()
      .min(0.03)
      .max(0.6)
      .default(0.15)
      .describe('person_down: smallest upright person judged, as a share of the frame height (smaller persons: too few pixels to tell a body from clutter)'),
    fireConfirmSeconds: z.number().min(0).max(60).default(1.5).describe('fire: seconds of flame or smoke evidence one place must gather, within twice that, before the alert'),
    fireRearmSeconds: z.number().min(1).max(3600).default(30).describe('fire: time without evidence after which a new fire episode can alert again'),
    fireMinShapeChange: z
      .number()
      .min(0.05)
      .max(0.9)
      .default(0.25)
      .describe('fire: frame-to-frame shape change (0..1, after rigid motion) a flame region or its bright core must show; higher ignores more flickering decor, lower sees more distant flames'),
    weaponMinFrames: z.number().int().min(1).max(20).default(2).describe('weapon: looks at a person (crop analyses) that must show a held weapon, among the last weaponWindowFrames'),
    weaponWindowFrames: z.number().int().min(1).max(20).default(5).describe('weapon: how many of the latest looks at a person weaponMinFrames counts over'),
    crowdMovementSigma: z
      .number()
      .min(1)
      .max(20)
      .default(4)
      .describe('crowd_movement: robust sigmas (1.4826 x MAD) above the baseline median a jump must reach'),
    crowdMovementFactor: z
      .number()
      .min(1)
      .max(20)
      .default(2)
      .describe('crowd_movement: and at least this many times the baseline median (motion energy and speed)'),
    crowdMovementSeconds: z
      .number()
      .min(0)
      .max(60)
      .default(1)
      .describe('crowd_movement: how long the (1 s median-smoothed) jump must last before it alerts'),
    crowdMovementBaselineSeconds: z
      .number()
      .min(10)
      .max(3600)
      .default(60)
      .describe('crowd_movement: length of the sliding window the per-camera baseline is learned on'),
    crowdMovementWarmupSeconds: z
      .number()
      .min(1)
      .max(3600)
      .default(10)
      .describe('crowd_movement: baseline needed (seconds of footage with motion) before it can alert'),
    crowdDensityHoldSeconds: z.number().min(0).max(600).default(3).describe('crowd_density: how long the estimated density must stay above maxPersonsPerM2 before it alerts'),
    crowdDensityRearmRatio: z.number().min(0.1).max(1).default(0.8).describe('crowd_density: after an alert, the zone re-arms once the density falls under this fraction of maxPersonsPerM2...'),
    crowdDensityRearmSeconds: z.number().min(0).max(3600).default(10).describe('crowd_density: ...and stays there for this long'),
    crowdCountSeconds: z.number().min(0.2).max(60).default(2).describe('crowd_density: interval between two crowd counts (head blobs plus merged detections)'),
    crowdCountTilesPerSecond: z.number().min(0.05).max(30).default(0.5).describe('crowd_density: tiled detector runs per second after the first full pass over the crowd zones (each costs one detector run)'),
    crowdCountWindowSeconds: z.number().min(0).max(600).default(5).describe('crowd_density: the count used is the median of the counts of this many last seconds'),
    crowdCountBlobContrast: z
      .number()
      .min(0.3)
      .max(4)
      .default(1)
      .describe('crowd_density: count sensitivity; a head blob must stand out of the local contrast (RMS of the blob response around it) by this factor: lower counts more'),
  })
  .describe('Rule parameters; omitted keys take the documented defaults');

export const sourceSchema = z
  .string()
  .min(1)
  .describe('A file path, or an rtsp://, rtsps://, http:// or https:// URL')
  .refine((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^(rtsps?|https?|file):\/\//i.test(s), {
    message: 'unsupported URL scheme (use rtsp, rtsps, http, https or a file path)',
  });

/** A user-supplied YOLO-style ONNX model for one event (fire/smoke, weapons), run beside the main detector. */
export const eventModelSchema = z.strictObject({
  model: z.string().min(1).describe('Path to a YOLOv8/YOLO11-style ONNX export, output [1, 4+C, N]'),
  classMap: z
    .record(z.string().regex(/^\d+$/, 'class index'), labelSchema)
    .describe('Model class index -> Vigie label (fire, smoke; pistol, rifle, knife...); unmapped classes are ignored'),
  inputSize: z.number().int().min(32).max(4096).default(640),
  minScore: fraction.default(0.4).describe('Minimum score of a detection'),
  intervalSeconds: z.number().min(0).max(60).default(1).describe('Run the model at most once per this many seconds'),
  threads: z.number().int().min(1).max(64).default(1),
});

export const MAX_ZONES_PER_CAMERA = 32;
export const MAX_PRIVACY_MASKS = 16;

export const cameraSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'camera id: letters, digits, _ and - only (1-64)')
    .describe('Camera identifier'),
  name: z.string().max(200).optional().describe('Display name'),
  url: sourceSchema,
  enabled: z.boolean().default(true).describe('A disabled camera is kept but not analysed'),
  loop: z.boolean().default(false).describe('Files only: restart from the beginning at the end'),
  realtime: z
    .boolean()
    .optional()
    .describe('Pace file input at its native speed (default: true for live URLs and looped files)'),
  events: z.array(eventTypeSchema).default([]).describe('Events analysed on this camera; others stay silent'),
  zones: z.array(zoneSchema).max(MAX_ZONES_PER_CAMERA, `a camera has at most ${MAX_ZONES_PER_CAMERA} zones`).default([]),
  privacyMasks: z
    .array(polygonSchema)
    .max(MAX_PRIVACY_MASKS, `a camera has at most ${MAX_PRIVACY_MASKS} privacy masks`)
    .default([])
    .describe('Privacy masks: polygons blacked out in every frame as it is decoded, so never analysed, and black in snapshots, clips and live frames'),
  params: paramsSchema.default(paramsSchema.parse({})),
  fireDetector: eventModelSchema.optional().describe('fire: an ONNX fire/smoke model used beside the colour and flicker analysis'),
  weaponDetector: eventModelSchema.optional().describe('weapon: an ONNX weapon model run on crops around persons'),
});

export const thresholdsSchema = z
  .record(z.string(), fraction)
  .describe('Minimum score per label or label group (person, vehicle, bag...), and "default"');

export const DEFAULT_THRESHOLDS: Record<string, number> = {
  person: 0.3,
  vehicle: 0.2,
  bag: 0.25,
  weapon: 0.35,
  default: 0.35,
};

const lowScoreSchema = fraction
  .default(0.1)
  .describe(
    'Detections between this score and their label threshold only keep existing tracks alive (ByteTrack second stage); they never start a track nor reach a rule',
  );

/** Where an ONNX detector runs. */
export const DETECTOR_PROVIDERS = ['cpu', 'cuda'] as const;
const providerSchema = z
  .enum(DETECTOR_PROVIDERS)
  .optional()
  .describe(
    "Where the detector runs: cpu (default), or cuda (onnxruntime-node's CUDA execution provider, for analysis nodes with an NVIDIA GPU; the CUDA libraries must be installed). With cuda, a detector that cannot load the CUDA provider fails at start with the reason; it never falls back to the CPU silently",
  );

export const detectorSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('nanodet'),
    thresholds: thresholdsSchema.default(DEFAULT_THRESHOLDS),
    lowScore: lowScoreSchema,
    threads: z.number().int().min(1).max(64).default(1).describe('onnxruntime intra-op threads per worker'),
    provider: providerSchema,
  }),
  z.strictObject({
    kind: z.literal('yolo'),
    model: z.string().min(1).describe('Path to a YOLOv8/YOLO11-style ONNX export, output [1, 4+C, N]'),
    classMap: z
      .record(z.string().regex(/^\d+$/, 'class index'), labelSchema)
      .describe('Model class index -> Vigie label; unmapped classes are ignored'),
    inputSize: z.number().int().min(32).max(4096).default(640),
    thresholds: thresholdsSchema.default(DEFAULT_THRESHOLDS),
    lowScore: lowScoreSchema,
    threads: z.number().int().min(1).max(64).default(1),
    provider: providerSchema,
  }),
  z.strictObject({
    kind: z.literal('replay'),
    path: z.string().min(1).describe('JSONL file of recorded detections: {"tMs":..,"detections":[...]} per line'),
  }),
]);

/**
 * `analysis.motionGating`: true (the default coasts), false (every frame detected), or the longest
 * coasts (docs/motion-gating.md): shorter ones cost more CPU and bring the alerts of entering
 * objects sooner (intrusion's mean latency on the dev scenarios: 0.84 s at 2000 / 1000 ms, 0.44 s at 500 / 500).
 */
const coastMsSchema = z.number().int().min(0).max(10_000);

export const motionGatingSchema = z.union([
  z.boolean(),
  z
    .strictObject({
      coastMs: coastMsSchema
        .default(2000)
        .describe('Longest run of frames without the detector while confirmed tracks explain all the motion (ms); 0: the detector runs on every frame that moved'),
      uncertainCoastMs: coastMsSchema
        .optional()
        .describe('Longest such run while the motion holds weak, untracked or new detections, or small stray changes (ms); at most coastMs; default 1000, or coastMs when shorter'),
      looks: z
        .boolean()
        .optional()
        .describe('Within a coast, run the detector on a window around the motion the tracks do not explain instead of on the whole frame (default true; needs the nanodet-dynamic model)'),
    })
    .refine((c) => c.uncertainCoastMs === undefined || c.uncertainCoastMs <= c.coastMs, {
      message: 'uncertainCoastMs must not exceed coastMs (the uncertain coast is the shorter one)',
      path: ['uncertainCoastMs'],
    }),
], { error: 'expected true, false or { coastMs, uncertainCoastMs, looks } (milliseconds, boolean)' });

export const siteConfigSchema = z
  .strictObject({
    version: z.literal(1).default(1).describe('Config format version'),
    analysis: z
      .strictObject({
        fps: z.number().min(0.2).max(30).default(5).describe('Analysed frames per second'),
        width: z.number().int().min(64).max(3840).default(640).describe('Analysis width in pixels (height keeps the aspect)'),
        motionGating: motionGatingSchema
          .default(true)
          .describe('Run the detector only when and where pixels changed (stationary tracks stay fed); false analyses every frame in full; an object sets the coasts (latency against CPU)'),
      })
      .default({ fps: 5, width: 640, motionGating: true }),
    detector: detectorSchema.default({ kind: 'nanodet', thresholds: DEFAULT_THRESHOLDS, lowScore: 0.1, threads: 1 }),
    store: z
      .strictObject({ dir: z.string().min(1).default('./data').describe('Where the SQLite file and media go') })
      .default({ dir: './data' }),
    retention: retentionSchema.describe('How long vigie serve keeps each kind of data, each capped by the law (docs/legal.md, Retention)'),
    security: z
      .strictObject({
        allowedDirs: z
          .array(z.string().min(1))
          .default([])
          .describe('When set, camera files and model paths must lie inside one of these folders (network URLs are not confined; checked by confinedSiteSchema, config/confined.ts)'),
      })
      .default({ allowedDirs: [] }),
    legal: z
      .strictObject({
        requireAuthorisation: z
          .boolean()
          .default(true)
          .describe('vigie serve analyses a camera only while an authorisation in force (prefectoral order) names it, for the event types it lists; false only for tests and offline trials'),
        operator: z
          .strictObject({
            name: z.string().min(1).max(200).optional().describe('Who operates the processing (the controller), printed on the public notice'),
            contact: z.string().min(1).max(300).optional().describe('Where the public exercises its rights (address, e-mail), printed on the public notice'),
            dpoContact: z.string().min(1).max(300).optional().describe('The data protection officer, printed on the public notice'),
          })
          .default({})
          .describe('The controller, for the public notice of each authorisation (GET /api/authorisations/{id}/notice.html)'),
      })
      .default({ requireAuthorisation: true, operator: {} }),
    console: z
      .strictObject({
        language: z
          .enum(LANGS)
          .default(DEFAULT_LANG)
          .describe('Language of the console for this deployment (fr or en); each user may switch to the other one'),
      })
      .default({ language: DEFAULT_LANG }),
    health: z
      .strictObject({
        cameraLossS: z
          .number()
          .min(1)
          .max(3600)
          .default(30)
          .describe('A camera failed, reconnecting or with no analysed frame for this long raises a system alert'),
        diskWarnFreeMb: z.number().min(0).default(2048).describe('Free space of the data folder under which health is amber'),
        diskCriticalFreeMb: z.number().min(0).default(512).describe('Free space of the data folder under which health is red'),
        diskCheckS: z.number().min(1).max(3600).default(30).describe('How often the free space of the data folder is checked'),
      })
      .default({ cameraLossS: 30, diskWarnFreeMb: 2048, diskCriticalFreeMb: 512, diskCheckS: 30 }),
    cameras: z.array(cameraSchema).default([]),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.cameras.forEach((cam, i) => {
      if (seen.has(cam.id)) ctx.addIssue({ code: 'custom', path: ['cameras', i, 'id'], message: `duplicate camera id "${cam.id}"` });
      seen.add(cam.id);
      const zoneIds = new Set<string>();
      cam.zones.forEach((zone, j) => {
        if (zoneIds.has(zone.id))
          ctx.addIssue({ code: 'custom', path: ['cameras', i, 'zones', j, 'id'], message: `duplicate zone id "${zone.id}"` });
        zoneIds.add(zone.id);
      });
    });
  });

export type ZoneConfig = z.infer<typeof zoneSchema>;
export type RuleParams = z.infer<typeof paramsSchema>;
export type CameraConfig = z.infer<typeof cameraSchema>;
export type EventModelConfig = z.infer<typeof eventModelSchema>;
export type DetectorConfig = z.infer<typeof detectorSchema>;
export type DetectorProvider = (typeof DETECTOR_PROVIDERS)[number];
export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type MotionGatingSetting = z.infer<typeof motionGatingSchema>;
export const DEFAULT_PARAMS: RuleParams = paramsSchema.parse({});
