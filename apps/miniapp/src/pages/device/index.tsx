import { View, Text } from '@tarojs/components'
import type { TDevice } from '@douyin-kit/contracts'
import { listDevices, postDevice } from '../../api/me'
import { session } from '../../api/session'
import { toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import { useRemote } from '../../hooks/use-remote'
import * as platform from '../../platform'
import { InfoRows } from '../../components/InfoRows'
import { ActionButton } from '../../components/ActionButton'
import { RemoteView } from '../../components/StateView'

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
  // The most recently seen device, or null before the first report.
  const device = useRemote(() => session.withSession(listDevices).then(({ devices }): TDevice | null => devices[0] ?? null))

  const report = useAction(
    () => session.withSession(async () => postDevice(await platform.getSystemInfo())),
    (stored) => {
      device.update(() => stored)
      toastSuccess('已上报')
    }
  )

  function card() {
    return (
      <RemoteView remote={device} empty={{ title: '尚未上报本机信息', hint: '点击下方按钮，把这台设备的机型和系统版本告诉服务端。' }}>
        {(stored) => <InfoRows rows={rowsOf(stored)} />}
      </RemoteView>
    )
  }

  return (
    <View className='page'>
      <View className='card'>
        <Text className='card__title'>服务端保存的本机信息</Text>
        {card()}
      </View>
      <ActionButton busy={report.busy} disabled={device.state.status === 'loading'} onClick={() => report.run()}>
        上报本机信息
      </ActionButton>
      <Text className='hint'>抖音不提供设备 ID，服务端按品牌、型号等信息识别设备。</Text>
    </View>
  )
}
