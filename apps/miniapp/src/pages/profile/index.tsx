import { useLoad } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { getMe, postProfile } from '../../api/me'
import { session } from '../../api/session'
import { toastError, toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import { useSessionUser } from '../../hooks/use-session-user'
import * as platform from '../../platform'
import { Avatar } from '../../components/Avatar'
import { InfoRows } from '../../components/InfoRows'
import { PrivacyPopup } from '../../components/PrivacyPopup'
import './index.css'

const GENDER_TEXT = ['未知', '男', '女']

export default function Profile() {
  const user = useSessionUser()

  useLoad(() => {
    session.withSession(getMe).then(session.updateUser, toastError)
  })

  // getUserProfile must start in this tap's own tick: withSession calls us synchronously when a
  // session is ready, and re-runs the whole thing (a fresh payload) after a silent re-login.
  const update = useAction(
    () =>
      session.withSession(async () => {
        const { rawData, signature, encryptedData, iv } = await platform.getUserProfile('用于展示你的头像和昵称')
        return postProfile({ rawData, signature, encryptedData, iv })
      }),
    (next) => {
      session.updateUser(next)
      toastSuccess('资料已更新')
    }
  )

  const hasProfile = Boolean(user?.nickname)
  const region = [user?.country, user?.province, user?.city].filter(Boolean).join(' ')

  return (
    <View className='page'>
      <View className='card profile__card'>
        <Avatar className='profile__avatar' url={user?.avatarUrl} name={user?.nickname} />
        <Text className='profile__name'>{hasProfile ? user?.nickname : '尚未获取资料'}</Text>
        {hasProfile ? (
          <View className='profile__rows'>
            <InfoRows
              rows={[
                ['性别', GENDER_TEXT[user?.gender ?? 0] ?? '未知'],
                ['地区', region || '未知']
              ]}
            />
          </View>
        ) : null}
      </View>
      <Button className='primary-button' loading={update.busy} disabled={update.busy} onClick={() => update.run()}>
        {hasProfile ? '更新头像和昵称' : '获取头像和昵称'}
      </Button>
      <Text className='hint'>资料经抖音加密传输，服务端校验签名后保存。</Text>
      <PrivacyPopup />
    </View>
  )
}
