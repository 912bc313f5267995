/** Catalogue group "journal" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const journal = {
} as const satisfies Section;
