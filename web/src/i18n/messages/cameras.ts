/** Catalogue group "cameras" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const cameras = {
} as const satisfies Section;
