/** Catalogue group "app" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const app = {
} as const satisfies Section;
