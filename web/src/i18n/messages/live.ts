/** Catalogue group "live" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const live = {
} as const satisfies Section;
