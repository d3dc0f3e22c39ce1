import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { TSubscriptionState, TTemplate } from '@douyin-kit/contracts'
import { listSubscriptions, listTemplates, postSubscriptions } from '../../api/me'
import { newRequestId } from '../../api/request-id'
import { session } from '../../api/session'
import { toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import { useRemote } from '../../hooks/use-remote'
import { ActionButton } from '../../components/ActionButton'
import { RemoteView } from '../../components/StateView'
import * as platform from '../../platform'
import { KIND_TEXT, STATUS_TEXT, refusalFor, refusalText } from './selection'
import './index.css'

function stateText(s: TSubscriptionState): string {
  if (s.kind === 'one_time') return `${STATUS_TEXT[s.status]} · 剩余 ${s.credits} 次`
  return s.alwaysSubscribe ? `${STATUS_TEXT[s.status]} · 总是保持` : STATUS_TEXT[s.status]
}

export default function Subscribe() {
  const templates = useRemote(() => session.withSession(listTemplates).then(({ templates: list }) => list))
  const subscriptions = useRemote(() => session.withSession(listSubscriptions).then(({ subscriptions: list }) => list))
  const [selected, setSelected] = useState<TTemplate[]>([])

  function toggle(template: TTemplate) {
    if (selected.some((t) => t.templateId === template.templateId)) {
      setSelected(selected.filter((t) => t.templateId !== template.templateId))
      return
    }
    const refusal = refusalFor(selected, template)
    if (refusal) platform.showToast(refusalText(refusal, selected))
    else setSelected([...selected, template])
  }

  // The popup opens straight from the tap (the host refuses it otherwise). Its result stays
  // valid across a re-login, so only the post is retried, with the same requestId: the server
  // recognises the retry and grants nothing twice.
  const request = useAction(
    (templateIds: string[], requestId: string) =>
      platform
        .requestSubscribeMessage(templateIds)
        .then((result) => session.withSession(() => postSubscriptions({ templateIds, requestId, result })))
        .then(subscriptions.reload),
    () => {
      setSelected([])
      toastSuccess('已更新订阅')
    },
    { quietCancel: true }
  )

  function subscribe() {
    if (selected.length === 0) return
    request.run(
      selected.map((t) => t.templateId),
      newRequestId()
    )
  }

  const stateOf = (id: string) => subscriptions.data?.find((s) => s.templateId === id)

  function templateList() {
    return (
      <RemoteView
        remote={templates}
        isEmpty={(list) => list.length === 0}
        empty={{ title: '暂无可订阅的消息', hint: '服务端配置订阅消息模板后，会显示在这里。' }}
      >
        {(list) =>
          list.map((t) => {
            const isSelected = selected.some((s) => s.templateId === t.templateId)
            const refusal = refusalFor(selected, t)
            const state = stateOf(t.templateId)
            const className = `template${isSelected ? ' template--selected' : ''}${refusal ? ' template--disabled' : ''}`
            return (
              <View key={t.templateId} className={className} onClick={() => toggle(t)}>
                <View className='template__body'>
                  <Text className='template__title wrap'>{t.title}</Text>
                  <Text className='template__note'>
                    {KIND_TEXT[t.kind]}
                    {state ? ` · ${stateText(state)}` : ''}
                  </Text>
                </View>
                <View className='template__check' />
              </View>
            )
          })
        }
      </RemoteView>
    )
  }

  function subscriptionList() {
    return (
      <RemoteView
        remote={subscriptions}
        isEmpty={(list) => list.length === 0}
        empty={{ title: '还没有订阅记录', hint: '订阅后，你同意接收的消息会列在这里。' }}
      >
        {(list) =>
          list.map((s) => (
            <View key={s.templateId} className='row'>
              <Text className='wrap'>{s.title}</Text>
              <Text className={`subscription__status subscription__status--${s.status}`}>{stateText(s)}</Text>
            </View>
          ))
        }
      </RemoteView>
    )
  }

  return (
    <View className='page'>
      <View className='card'>
        <Text className='card__title'>选择要订阅的消息</Text>
        {templateList()}
        <Text className='hint'>每次最多选择 3 个；一次性订阅和长期订阅不能同时申请，选了一种后另一种不可选。</Text>
      </View>
      <ActionButton busy={request.busy} disabled={selected.length === 0} onClick={subscribe}>
        {selected.length > 0 ? `订阅所选（${selected.length}）` : '请先选择消息'}
      </ActionButton>

      <View className='card'>
        <Text className='card__title'>我的订阅</Text>
        {subscriptionList()}
      </View>
    </View>
  )
}
