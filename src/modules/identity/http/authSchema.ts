import { z } from 'zod';

/** Console sign-in, second factor and password requests. */
export const loginBody = z.strictObject({
  email: z.string().trim().min(3).max(254).describe('Agent email (case-insensitive)'),
  password: z.string().min(1).max(1024).describe('Agent password'),
});
export type LoginBody = z.infer<typeof loginBody>;

export const codeBody = z.strictObject({
  code: z.string().trim().min(6).max(32).describe('6-digit code from the authenticator app, or a recovery code where accepted'),
});
export type CodeBody = z.infer<typeof codeBody>;

export const disableTotpBody = z.strictObject({
  password: z.string().min(1).max(1024).describe('Current password'),
  code: z.string().trim().min(6).max(32).describe('Authenticator code or an unused recovery code'),
});
export type DisableTotpBody = z.infer<typeof disableTotpBody>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024).describe('Current password'),
  newPassword: z.string().min(12, 'at least 12 characters').max(1024).describe('New password, at least 12 characters'),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;
