/** Catalogue group "health" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const health = {
} as const satisfies Section;
