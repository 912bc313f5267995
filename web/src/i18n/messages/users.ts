/** Catalogue group "users" (see ../catalog.ts): French and English side by side. */
import type { Section } from '../translate.ts';

export const users = {
} as const satisfies Section;
