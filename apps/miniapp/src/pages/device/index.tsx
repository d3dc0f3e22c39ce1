import { useState } from 'react'
import { useLoad } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import type { TDevice } from '@douyin-kit/contracts'
import { listDevices, postDevice } from '../../api/me'
import { session } from '../../api/session'
import { toastError, toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import * as platform from '../../platform'
import { InfoRows } from '../../components/InfoRows'

function rowsOf(device: TDevice): Array<[string, string]> {
  // The snapshot holds whatever the host reported: only numbers make a screen size.
  const { screenWidth: width, screenHeight: height, pixelRatio } = device.snapshot
  const ratio = typeof pixelRatio === 'number' ? pixelRatio : 1
  return [
    ['品牌型号', [device.brand, device.model].filter(Boolean).join(' ') || '未知'],
    ['系统', device.system ?? '未知'],
    ['宿主', [device.appName, device.appVersion].filter(Boolean).join(' ') || '未知'],
    ['基础库', device.sdkVersion ?? '未知'],
    ['屏幕', typeof width === 'number' && typeof height === 'number' && width && height ? `${width}×${height} @${ratio}x` : '未知'],
    ['最近上报', new Date(device.lastSeenAt).toLocaleString('zh-CN')]
  ]
}

export default function Device() {
  const [device, setDevice] = useState<TDevice | null>(null)

  useLoad(() => {
    session.withSession(listDevices).then(({ devices }) => setDevice(devices[0] ?? null), toastError)
  })

  const report = useAction(
    () => session.withSession(async () => postDevice(await platform.getSystemInfo())),
    (stored) => {
      setDevice(stored)
      toastSuccess('已上报')
    }
  )

  return (
    <View className='page'>
      <View className='card'>
        <Text className='card__title'>{device ? '服务端保存的本机信息' : '尚未上报本机信息'}</Text>
        {device ? <InfoRows rows={rowsOf(device)} /> : null}
      </View>
      <Button className='primary-button' loading={report.busy} disabled={report.busy} onClick={() => report.run()}>
        上报本机信息
      </Button>
      <Text className='hint'>抖音不提供设备 ID，服务端按品牌、型号等识别设备。</Text>
    </View>
  )
}
