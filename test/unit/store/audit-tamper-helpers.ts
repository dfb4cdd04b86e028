export { auditEntryHash, openStore } from '../../../main/store';
export type { AuditChainRow as AuditChainRowForTest } from '../../../main/store/repos/audit';
