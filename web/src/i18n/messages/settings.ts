/** Catalogue group "settings" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const settings = {
} as const satisfies Section;
