/** Catalogue group "zones" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const zones = {
} as const satisfies Section;
