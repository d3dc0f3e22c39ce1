import { useLoad } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import type { TPhoneRequest } from '@douyin-kit/contracts'
import { getMe, postPhone } from '../../api/me'
import { session } from '../../api/session'
import { toastError, toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import { useSessionUser } from '../../hooks/use-session-user'
import { phoneNumberButtonProps, type PhoneNumberDetail } from '../../platform'
import { phoneRequestFrom } from './phone-event'
import { PrivacyPopup } from '../../components/PrivacyPopup'
import './index.css'

export default function Phone() {
  const user = useSessionUser()

  // Also makes sure a login happened before the tap: a login inside the callback would rotate
  // the key the old flow's payload is encrypted with.
  useLoad(() => {
    session.withSession(getMe).then(session.updateUser, toastError)
  })

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

  return (
    <View className='page'>
      <View className='card'>
        <Text className='card__title'>绑定的手机号</Text>
        <Text className='phone__number'>{user?.phoneMasked ?? '尚未绑定'}</Text>
      </View>
      <Button className='primary-button' loading={bind.busy} disabled={bind.busy} {...phoneNumberButtonProps(onPhoneNumber)}>
        {user?.phoneMasked ? '更换手机号' : '授权获取手机号'}
      </Button>
      <Text className='hint'>完整号码只保存在服务端，小程序只显示掩码。</Text>
      <PrivacyPopup />
    </View>
  )
}
