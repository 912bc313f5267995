/**
 * The live wall's layout (cameras taken off the wall, the enlarged one), remembered per window:
 * keyed by the window's name and the screen it is on, so a control room's second screen keeps
 * its own wall. Stored in localStorage; what is read back is parsed, never trusted.
 */
import { z } from 'zod';

export const LEGACY_HIDDEN_KEY = 'vigie.live.hidden';

const layoutSchema = z.object({
  hidden: z.array(z.string()).max(1000),
  large: z.string().optional(),
});
export type WallLayout = z.infer<typeof layoutSchema>;

export const EMPTY_LAYOUT: WallLayout = { hidden: [] };

/** `vigie.live.layout.main@1920x1080`: the window's name ('main' when unnamed) and its screen. */
export function layoutKey(windowName: string, screenW: number, screenH: number): string {
  const name = windowName.trim().replace(/[^\w-]/g, '_').slice(0, 40) || 'main';
  return `vigie.live.layout.${name}@${Math.round(screenW)}x${Math.round(screenH)}`;
}

/** The stored layout, else the list of the older single-layout key, else nothing hidden. */
export function parseLayout(raw: string | null, legacyHidden: string | null): { layout: WallLayout; problem?: string } {
  const parsed = (text: string | null, schema: z.ZodType<WallLayout>): WallLayout | string | undefined => {
    if (text === null) return undefined;
    try {
      const r = schema.safeParse(JSON.parse(text));
      return r.success ? r.data : r.error.issues[0]?.message ?? 'invalid';
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
  const own = parsed(raw, layoutSchema);
  if (typeof own === 'object') return { layout: own };
  const legacy = parsed(legacyHidden, z.array(z.string()).transform((hidden) => ({ hidden })));
  const layout = typeof legacy === 'object' ? legacy : EMPTY_LAYOUT;
  return typeof own === 'string' ? { layout, problem: `stored wall layout ignored: ${own}` } : { layout };
}

export const serializeLayout = (l: WallLayout): string => JSON.stringify(l.large ? { hidden: l.hidden, large: l.large } : { hidden: l.hidden });
