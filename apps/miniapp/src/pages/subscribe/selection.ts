import { MAX_TEMPLATES_PER_SUBSCRIBE, type TConsentStatus, type TTemplate, type TTemplateKind } from '@douyin-kit/contracts'

export const KIND_TEXT: Record<TTemplateKind, string> = {
  one_time: '一次性订阅',
  long_term: '长期订阅'
}

export const STATUS_TEXT: Record<TConsentStatus, string> = {
  accept: '已同意',
  reject: '已拒绝',
  ban: '已屏蔽',
  fail: '订阅失败',
  repeat: '重复订阅',
  limit: '已达订阅上限'
}

/** Why a template cannot join the selection: tt.requestSubscribeMessage takes ≤ 3 ids of one kind. */
export type Refusal = 'kind' | 'limit'

export function refusalFor(selected: readonly TTemplate[], template: TTemplate): Refusal | null {
  if (selected.some((t) => t.templateId === template.templateId)) return null
  const first = selected[0]
  if (first && first.kind !== template.kind) return 'kind'
  if (selected.length >= MAX_TEMPLATES_PER_SUBSCRIBE) return 'limit'
  return null
}

export function refusalText(refusal: Refusal, selected: readonly TTemplate[]): string {
  // A 'kind' refusal always has a selection (refusalFor).
  const kind = selected[0]?.kind
  return refusal === 'kind' && kind
    ? `已选${KIND_TEXT[kind]}，不能同时申请${kind === 'one_time' ? '长期' : '一次性'}订阅`
    : `每次最多选择 ${MAX_TEMPLATES_PER_SUBSCRIBE} 个`
}
