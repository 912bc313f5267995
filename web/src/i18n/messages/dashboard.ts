/** Catalogue group "dashboard" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const dashboard = {
} as const satisfies Section;
