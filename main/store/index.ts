export { openStore, type Store, type OpenStoreOptions } from './store';
export { migrate, schemaVersion, SchemaTooNewError } from './migrate';
export { migrations } from './migrations';
export { defaultStorePath, resolveStorePath, userDataDir, STORE_FILE_NAME } from './location';
export { DEFAULT_CHUNK_LEN, chooseSampleType } from './chunks';
export { PatientsRepo } from './repos/patients';
export { RecordingsRepo, durationSeconds, type RecordingFilter } from './repos/recordings';
export { SignalsRepo, InvalidLeadError } from './repos/signals';
export { AnalysesRepo, type AnalysisInsert } from './repos/analyses';
export { AnnotationsRepo, type AnnotationFilter } from './repos/annotations';
export { AuditRepo, auditEntryHash, verifyChain, GENESIS_HASH } from './repos/audit';
export { BeatsRepo } from './repos/beats';
export { ReviewsRepo } from './repos/reviews';
export { ModelsRepo, type NewModelVersion, type ActiveModel } from './repos/models';
export { SettingsRepo, type SettingValue } from './repos/settings';
export { ProbeRunsRepo, type ProbeRunInsert } from './repos/probe-runs';
export {
  UsersRepo,
  userInfo,
  type UserRecord,
  type NewUser,
  type SessionRecord,
} from './repos/users';
export type * from './types';
