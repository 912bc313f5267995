/** Catalogue group "queue" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const queue = {
} as const satisfies Section;
