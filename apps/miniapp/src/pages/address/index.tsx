import { View, Text } from '@tarojs/components'
import type { TAddress, TLocation } from '@douyin-kit/contracts'
import { deleteAddress, getLocation, listAddresses, postAddress, postLocation } from '../../api/me'
import { session } from '../../api/session'
import { toastError, toastErrorUnlessCancelled, toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import { useRemote } from '../../hooks/use-remote'
import * as platform from '../../platform'
import { PrivacyPopup } from '../../components/PrivacyPopup'
import { InfoRows } from '../../components/InfoRows'
import { ActionButton } from '../../components/ActionButton'
import { RemoteView } from '../../components/StateView'
import './index.css'

const regionOf = (a: TAddress) => [a.provinceName, a.cityName, a.countyName].filter(Boolean).join(' ')

const metres = (value: number | null) => (value === null ? '未知' : `${Math.round(value)} 米`)

function locationRows(location: TLocation): Array<[string, string]> {
  return [
    ['纬度', location.latitude.toFixed(6)],
    ['经度', location.longitude.toFixed(6)],
    ['精度', metres(location.accuracy)],
    ['坐标系', 'GCJ-02'],
    ['获取时间', new Date(location.recordedAt).toLocaleString('zh-CN')]
  ]
}

export default function Address() {
  const addresses = useRemote(() => session.withSession(listAddresses).then(({ addresses: list }) => list))
  // null: never located (the API's 404, see getLocation).
  const location = useRemote(() => session.withSession(getLocation))

  // The picker runs first, straight from the tap; only the post is retried after a re-login,
  // so the user is never shown the picker twice.
  const addAddress = useAction(
    () => platform.chooseAddress().then((chosen) => session.withSession(() => postAddress(chosen))),
    (stored) => {
      const known = addresses.data?.some((a) => a.id === stored.id) ?? false
      addresses.update((list) => [stored, ...list.filter((a) => a.id !== stored.id)])
      toastSuccess(known ? '地址已存在' : '已保存')
    },
    { quietCancel: true }
  )

  async function remove(address: TAddress) {
    let confirmed: boolean
    try {
      confirmed = await platform.confirm('删除地址', `确定删除“${address.userName} ${address.detailInfo}”吗？`, '删除')
    } catch (error) {
      toastErrorUnlessCancelled(error)
      return
    }
    if (!confirmed) return
    try {
      await session.withSession(() => deleteAddress(address.id))
    } catch (error) {
      toastError(error)
      return
    }
    addresses.update((list) => list.filter((a) => a.id !== address.id))
    toastSuccess('已删除')
  }

  const locate = useAction(
    () => platform.getLocation().then((reading) => session.withSession(() => postLocation(reading))),
    (stored) => {
      location.update(() => stored)
      toastSuccess('已更新位置')
    },
    { quietCancel: true }
  )
  const busy = addAddress.busy || locate.busy

  function addressList() {
    return (
      <RemoteView
        remote={addresses}
        isEmpty={(list) => list.length === 0}
        empty={{ title: '还没有保存地址', hint: '从抖音选择一个收货地址，保存后会显示在这里。' }}
      >
        {(list) =>
          list.map((a) => (
            <View key={a.id} className='address__item'>
              <View className='address__body'>
                <Text className='address__name wrap'>{`${a.userName} ${a.telNumber}`}</Text>
                <Text className='address__detail wrap'>{`${regionOf(a)} ${a.detailInfo}`}</Text>
              </View>
              <View className='address__delete' onClick={() => void remove(a)}>
                <Text>删除</Text>
              </View>
            </View>
          ))
        }
      </RemoteView>
    )
  }

  function locationCard() {
    return (
      <RemoteView remote={location} empty={{ title: '尚未获取位置', hint: '获取一次当前位置，服务端只保存最近的一次。' }}>
        {(reading) => <InfoRows rows={locationRows(reading)} />}
      </RemoteView>
    )
  }

  return (
    <View className='page'>
      <View className='card'>
        <Text className='card__title'>我的收货地址</Text>
        {addressList()}
      </View>
      <ActionButton busy={addAddress.busy} disabled={busy} onClick={() => addAddress.run()}>
        从抖音选择收货地址
      </ActionButton>

      <View className='card'>
        <Text className='card__title'>我的位置</Text>
        {locationCard()}
      </View>
      <ActionButton busy={locate.busy} disabled={busy} onClick={() => locate.run()}>
        获取当前位置
      </ActionButton>
      <Text className='hint'>位置使用国测局坐标（GCJ-02），服务端只保存最近一次。</Text>
      <PrivacyPopup />
    </View>
  )
}
