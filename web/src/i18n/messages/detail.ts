/** Catalogue group "detail" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const detail = {
} as const satisfies Section;
