import { isRecord } from '../../dispatch/upstream/endpoints/json-shape.util';

/** One entry of OpenAI's `GET /v1/models` list. */
export interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** The models of an OpenAI-style `/v1/models` answer, in OpenAI's entry shape; undefined if it has none. */
export function modelsOfOpenAiList(answer: unknown, now: number): ModelEntry[] | undefined {
  if (!isRecord(answer) || !Array.isArray(answer.data)) return undefined;
  const models = answer.data
    .filter((item): item is Record<string, unknown> => isRecord(item) && typeof item.id === 'string' && item.id !== '')
    .map((item) => entry(item.id as string, typeof item.created === 'number' ? item.created : now, typeof item.owned_by === 'string' ? item.owned_by : 'koboldcpp'));
  return models.length > 0 ? models : undefined;
}

/** KoboldAI's native `/api/v1/model` (`{result: "<name>"}`) as a one-model list. */
export function modelsOfKoboldModel(answer: unknown, now: number): ModelEntry[] | undefined {
  if (!isRecord(answer) || typeof answer.result !== 'string' || answer.result === '') return undefined;
  return [entry(answer.result, now, 'koboldcpp')];
}

export function entry(id: string, created: number, ownedBy: string): ModelEntry {
  return { id, object: 'model', created, owned_by: ownedBy };
}
