import { useState } from 'react'
import Taro, { useLoad } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { checkApiHealth, type ApiStatus } from '../../api/health'
import { session } from '../../api/session'
import { toastError } from '../../feedback/toast'
import { useSessionUser } from '../../hooks/use-session-user'
import { Avatar } from '../../components/Avatar'
import './index.css'

const STATUS_TEXT: Record<ApiStatus, string> = {
  checking: '检查中…',
  up: '服务正常',
  down: '服务不可用'
}

const LINKS = [
  { title: '个人资料', url: '/pages/profile/index' },
  { title: '手机号', url: '/pages/phone/index' },
  { title: '设备信息', url: '/pages/device/index' },
  { title: '地址与位置', url: '/pages/address/index' },
  { title: '订阅消息', url: '/pages/subscribe/index' }
]

type LoginState = 'pending' | 'done' | 'failed'

export default function Index() {
  const [status, setStatus] = useState<ApiStatus>('checking')
  const [login, setLogin] = useState<LoginState>('pending')
  const user = useSessionUser()

  function logIn() {
    setLogin('pending')
    session.ensureLogin().then(
      () => setLogin('done'),
      (error: unknown) => {
        setLogin('failed')
        toastError(error)
      }
    )
  }

  useLoad(() => {
    // Never rejects: an unreachable API is 'down'.
    void checkApiHealth().then(setStatus)
    logIn()
  })

  const loginText = login === 'pending' ? '登录中…' : login === 'failed' || !user ? '未登录' : user.isAnonymous ? '匿名访客' : '已登录'

  return (
    <View className='page index'>
      <Text className='index__title'>抖音小程序工具包</Text>

      <View className='card'>
        <View className='index__user'>
          <Avatar className='index__avatar' url={user?.avatarUrl} name={user?.nickname} />
          <View>
            <Text className='index__name'>{user?.nickname ?? '未设置昵称'}</Text>
            <Text className='index__login'>{loginText}</Text>
          </View>
        </View>
        {user?.phoneMasked ? <Text className='hint'>手机号：{user.phoneMasked}</Text> : null}
        {login === 'failed' ? (
          <Text className='index__retry' onClick={logIn}>
            重新登录
          </Text>
        ) : null}
      </View>

      <View className='card'>
        {LINKS.map((link) => (
          <View key={link.url} className='row index__link' onClick={() => void Taro.navigateTo({ url: link.url }).catch(toastError)}>
            <Text>{link.title}</Text>
            <Text className='row__label'>›</Text>
          </View>
        ))}
      </View>

      <View className='index__status'>
        <Text>API 状态：</Text>
        <Text className={`index__status-value index__status-value--${status}`}>{STATUS_TEXT[status]}</Text>
      </View>
    </View>
  )
}
