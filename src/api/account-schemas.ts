/** Request bodies of the account routes (src/api/routes/accounts.ts). */
import { z } from 'zod';
import { USER_ROLES } from '../store/users.ts';
import { passwordSchema } from './schemas.ts';

export const accountUpdateSchema = z
  .strictObject({
    role: z.enum(USER_ROLES).optional(),
    disabled: z.boolean().optional().describe('true: the account cannot sign in and its sessions end; false: enabled again'),
  })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, 'give a role, disabled, or both');

export const passwordResetSchema = z.strictObject({ password: passwordSchema });

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});
