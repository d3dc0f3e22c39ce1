import { useState } from 'react'
import Taro, { useLoad } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { checkApiHealth, type ApiStatus } from '../../api/health'
import { session } from '../../api/session'
import { messageFor } from '../../feedback/error-messages'
import { toastError } from '../../feedback/toast'
import { useSessionUser } from '../../hooks/use-session-user'
import { Avatar } from '../../components/Avatar'
import { CAPABILITIES } from './capabilities'
import './index.css'

const STATUS_TEXT: Record<ApiStatus, string> = {
  checking: '检查中…',
  up: '服务正常',
  down: '服务不可用'
}

type LoginState = { status: 'pending' } | { status: 'done' } | { status: 'failed'; message: string }

export default function Index() {
  const [status, setStatus] = useState<ApiStatus>('checking')
  const [login, setLogin] = useState<LoginState>({ status: 'pending' })
  const user = useSessionUser()

  function logIn() {
    setLogin({ status: 'pending' })
    session.ensureLogin().then(
      () => setLogin({ status: 'done' }),
      (error: unknown) => {
        setLogin({ status: 'failed', message: messageFor(error) })
        toastError(error)
      }
    )
  }

  useLoad(() => {
    // Never rejects: an unreachable API is 'down'.
    void checkApiHealth().then(setStatus)
    logIn()
  })

  const loginText =
    login.status === 'pending' ? '登录中…' : login.status === 'failed' || !user ? '未登录' : user.isAnonymous ? '匿名访客' : '已登录'
  const name = login.status === 'pending' && !user ? '正在进入…' : (user?.nickname ?? '未设置昵称')

  return (
    <View className='page index'>
      <Text className='index__title'>抖音小程序工具包</Text>

      <View className='card'>
        <View className='index__user'>
          <Avatar className='index__avatar' url={user?.avatarUrl} name={user?.nickname} />
          <View className='index__who'>
            <Text className='index__name wrap'>{name}</Text>
            <Text className='index__login'>{loginText}</Text>
          </View>
        </View>
        {user?.phoneMasked ? <Text className='hint'>手机号：{user.phoneMasked}</Text> : null}
        {login.status === 'done' && user && !user.nickname ? (
          <Text className='hint'>在“个人资料”里获取头像和昵称后，这里会显示你的抖音身份。</Text>
        ) : null}
        {login.status === 'failed' ? (
          <View className='index__failed'>
            <Text className='hint'>{login.message}</Text>
            <View className='index__retry' onClick={logIn}>
              <Text>重新登录</Text>
            </View>
          </View>
        ) : null}
      </View>

      <Text className='index__section'>能做什么</Text>
      <View className='card index__capabilities'>
        {CAPABILITIES.map((c) => (
          <View key={c.url} className='index__link' onClick={() => void Taro.navigateTo({ url: c.url }).catch(toastError)}>
            <View className='index__link-body'>
              <Text className='index__link-title'>{c.title}</Text>
              <Text className='index__link-summary'>{c.summary}</Text>
              <Text className={`index__privacy${c.privacyItem ? '' : ' index__privacy--none'}`}>
                {c.privacyItem ? `需同意隐私保护指引：${c.privacyItem}` : '无需隐私授权'}
              </Text>
            </View>
            <Text className='index__chevron'>›</Text>
          </View>
        ))}
      </View>

      <View className='card index__note'>
        <Text className='card__title'>关于你的信息</Text>
        <Text className='index__note-text'>
          涉及个人信息的功能，第一次使用时会先请你阅读并同意隐私保护指引。你可以拒绝，其他功能照常使用；下次点击时会再询问你。
        </Text>
      </View>

      <View className='index__status'>
        <Text>API 状态：</Text>
        <Text className={`index__status-value index__status-value--${status}`}>{STATUS_TEXT[status]}</Text>
      </View>
    </View>
  )
}
