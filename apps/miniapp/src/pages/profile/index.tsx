import { View, Text } from '@tarojs/components'
import { getMe, postProfile } from '../../api/me'
import { session } from '../../api/session'
import { toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import { useRemote } from '../../hooks/use-remote'
import { useSessionUser } from '../../hooks/use-session-user'
import * as platform from '../../platform'
import { Avatar } from '../../components/Avatar'
import { InfoRows } from '../../components/InfoRows'
import { PrivacyPopup } from '../../components/PrivacyPopup'
import { ActionButton } from '../../components/ActionButton'
import { EmptyState, ErrorState, LoadingState } from '../../components/StateView'
import './index.css'

const GENDER_TEXT = ['未知', '男', '女']

export default function Profile() {
  const user = useSessionUser()

  // The stored profile, fresh from the server; the card shows the session's copy of it.
  const me = useRemote(() => session.withSession(getMe).then(session.updateUser))

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

  function card() {
    // A profile the session already holds shows at once; the load only fills an empty card.
    if (!hasProfile && me.state.status === 'loading') return <LoadingState />
    if (!hasProfile && me.state.status === 'error') return <ErrorState message={me.state.message} onRetry={() => void me.reload()} />
    if (!hasProfile) return <EmptyState title='尚未获取资料' hint='点击下方按钮，授权后这里会展示你的抖音头像和昵称。' />
    return (
      <>
        <Avatar className='profile__avatar' url={user?.avatarUrl} name={user?.nickname} />
        <Text className='profile__name wrap'>{user?.nickname}</Text>
        <View className='profile__rows'>
          <InfoRows
            rows={[
              ['性别', GENDER_TEXT[user?.gender ?? 0] ?? '未知'],
              ['地区', region || '未知']
            ]}
          />
        </View>
      </>
    )
  }

  return (
    <View className='page'>
      <View className='card profile__card'>{card()}</View>
      <ActionButton busy={update.busy} onClick={() => update.run()}>
        {hasProfile ? '更新头像和昵称' : '获取头像和昵称'}
      </ActionButton>
      <Text className='hint'>头像和昵称由抖音加密传给服务端，校验签名后才会保存。</Text>
      <PrivacyPopup />
    </View>
  )
}
