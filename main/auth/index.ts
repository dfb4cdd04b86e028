export { AuthService, type AuthOptions, type NewUserInput, type UserUpdate } from './service';
export { AuthError, type AuthErrorKind } from './errors';
export { operatorActor } from './operator';
export {
  can,
  localOperator,
  requirePermission,
  type Actor,
  type ActorRole,
  type Permission,
} from './roles';
export {
  DEFAULT_SCRYPT,
  hashPassword,
  verifyPassword,
  passwordProblem,
  type ScryptParams,
} from './password';
