import { View, Text } from '@tarojs/components'
import type { TPhoneRequest } from '@douyin-kit/contracts'
import { getMe, postPhone } from '../../api/me'
import { session } from '../../api/session'
import { toastError, toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import { useSessionUser } from '../../hooks/use-session-user'
import { useRemote } from '../../hooks/use-remote'
import { phoneNumberButtonProps, type PhoneNumberDetail } from '../../platform'
import { phoneRequestFrom } from './phone-event'
import { PrivacyPopup } from '../../components/PrivacyPopup'
import { ActionButton } from '../../components/ActionButton'
import { EmptyState, ErrorState, LoadingState } from '../../components/StateView'
import './index.css'

export default function Phone() {
  const user = useSessionUser()

  // Also makes sure a login happened before the tap: a login inside the callback would rotate
  // the key the old flow's payload is encrypted with.
  const me = useRemote(() => session.withSession(getMe).then(session.updateUser))

  // The old flow's {encryptedData, iv} cannot be made again without a tap: after a re-login
  // the toast asks for one (and, if that one is stale too, to log in again). The new flow's
  // code, the recommended one (see phoneRequestFrom), survives a re-login, so it is retried.
  const bind = useAction(
    (body: TPhoneRequest) => session.withSession(() => postPhone(body), { replayable: 'code' in body }),
    ({ phoneMasked }) => {
      const current = session.currentUser()
      if (current) session.updateUser({ ...current, phoneMasked })
      toastSuccess('手机号已绑定')
    }
  )

  function onPhoneNumber(detail: PhoneNumberDetail) {
    let body
    try {
      body = phoneRequestFrom(detail)
    } catch (error) {
      toastError(error)
      return
    }
    bind.run(body)
  }

  function number() {
    if (user?.phoneMasked) return <Text className='phone__number'>{user.phoneMasked}</Text>
    if (me.state.status === 'loading') return <LoadingState />
    if (me.state.status === 'error') return <ErrorState message={me.state.message} onRetry={() => void me.reload()} />
    return <EmptyState title='尚未绑定' hint='授权后即可绑定你在抖音使用的手机号。' />
  }

  return (
    <View className='page'>
      <View className='card'>
        <Text className='card__title'>绑定的手机号</Text>
        {number()}
      </View>
      <ActionButton busy={bind.busy} {...phoneNumberButtonProps(onPhoneNumber)}>
        {user?.phoneMasked ? '更换手机号' : '授权获取手机号'}
      </ActionButton>
      <Text className='hint'>完整号码只保存在服务端，小程序里只显示打码后的号码。</Text>
      <PrivacyPopup />
    </View>
  )
}
