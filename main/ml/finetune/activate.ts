/**
 * Who may manage beat models, and activation: one audited step that makes any "available"
 * version (the shipped one included) the one the analysis uses. Candidates (not verified on
 * DS2) and rejected versions are refused.
 */
import type { ModelsOverview } from '@common/types';
import type { Actor } from '../../auth';
import type { Store } from '../../store';
import { shippedModel } from '../../analysis/app-classifier';
import type { BeatModelSetting } from '../../analysis/model-choice';
import {
  analysisModelInfo,
  BEAT_MODEL_SETTING,
  readBeatModelSetting,
} from '../../analysis/model-setting';
import { ModelError } from './errors';

/** Fine-tuning and activation change what every later analysis says: cardiologists, admins. */
export function requireModelManager(actor: Actor): void {
  if (actor.role !== 'cardiologist' && actor.role !== 'admin')
    throw new ModelError(
      'forbidden',
      `${actor.user} (${actor.role}) may not fine-tune or activate beat models (cardiologist or admin only)`,
    );
}

/** Every version with its metrics; the shipped model is recorded on first look. */
export function modelsOverview(store: Store): ModelsOverview {
  const shipped = shippedModel();
  if (shipped) store.models.ensureShipped(shipped.version);
  const active = store.models.active();
  return {
    versions: store.models.list().map((v) => ({
      ...v,
      active: active ? v.active : v.version === shipped?.version,
    })),
    activeVersion: active?.version ?? shipped?.version ?? null,
    shippedVersion: shipped?.version ?? null,
    analysisModel: analysisModelInfo(store),
  };
}

/** Full / Pruned / Auto for later analyses: one audited step, like activation. */
export function setAnalysisModel(
  store: Store,
  actor: Actor,
  setting: BeatModelSetting,
): ModelsOverview {
  requireModelManager(actor);
  const before = readBeatModelSetting(store);
  if (before !== setting) {
    store.write(() => {
      store.settings.set(BEAT_MODEL_SETTING, setting, actor.user);
      store.audit.append({
        user: actor.user,
        action: 'model.setting',
        entity: 'model',
        entityId: BEAT_MODEL_SETTING,
        oldValue: { setting: before },
        newValue: { setting },
      });
    });
  }
  return modelsOverview(store);
}

export function activateModel(store: Store, actor: Actor, version: string): ModelsOverview {
  requireModelManager(actor);
  const before = modelsOverview(store);
  const target = store.models.get(version);
  if (!target) throw new ModelError('not-found', `No model version ${version}`);
  if (target.status !== 'available')
    throw new ModelError(
      'forbidden',
      `${version} is ${target.status} and cannot be activated${target.statusReason ? `: ${target.statusReason}` : ''}`,
    );
  if (before.activeVersion !== version) {
    store.write(() => {
      store.models.setActive(version, actor.user);
      store.audit.append({
        user: actor.user,
        action: 'model.activate',
        entity: 'model',
        entityId: version,
        oldValue: { version: before.activeVersion },
        newValue: { version },
      });
    });
  }
  return modelsOverview(store);
}
