import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { checkApiHealth, type ApiStatus } from '../../api/health'
import './index.css'

const STATUS_TEXT: Record<ApiStatus, string> = {
  checking: '检查中…',
  up: '服务正常',
  down: '服务不可用'
}

export default function Index() {
  const [status, setStatus] = useState<ApiStatus>('checking')

  useLoad(() => {
    checkApiHealth().then(setStatus)
  })

  return (
    <View className='index'>
      <Text className='index__title'>抖音小程序工具包</Text>
      <View className='index__status'>
        <Text>API 状态：</Text>
        <Text className={`index__status-value index__status-value--${status}`}>{STATUS_TEXT[status]}</Text>
      </View>
    </View>
  )
}
