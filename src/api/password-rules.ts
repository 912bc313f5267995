/** The password policy at the API edge: a 400 with the reason, for every route that sets a password. */
import { passwordProblem } from '../auth/password-policy.ts';
import { ApiError } from './errors.ts';

/** Throws a 400 when the password is a common one or the username itself (src/auth/password-policy.ts). */
export function assertPasswordAllowed(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new ApiError('BAD_REQUEST', `invalid request body (1 problem): ${problem}`, { issues: [problem] });
}
