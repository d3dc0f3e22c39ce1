import { useState } from 'react'
import { useLoad } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import type { TAddress, TLocation } from '@douyin-kit/contracts'
import { deleteAddress, getLocation, listAddresses, postAddress, postLocation } from '../../api/me'
import { session } from '../../api/session'
import { toastError, toastErrorUnlessCancelled, toastSuccess } from '../../feedback/toast'
import { useAction } from '../../hooks/use-action'
import * as platform from '../../platform'
import { PrivacyPopup } from '../../components/PrivacyPopup'
import './index.css'
import { InfoRows } from '../../components/InfoRows'

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
  const [addresses, setAddresses] = useState<TAddress[] | null>(null)
  const [location, setLocation] = useState<TLocation | null | undefined>(undefined)

  useLoad(() => {
    session.withSession(listAddresses).then(({ addresses: list }) => setAddresses(list), toastError)
    session.withSession(getLocation).then(setLocation, toastError)
  })

  // The picker runs first, straight from the tap; only the post is retried after a re-login,
  // so the user is never shown the picker twice.
  const addAddress = useAction(
    () => platform.chooseAddress().then((chosen) => session.withSession(() => postAddress(chosen))),
    (stored) => {
      const known = addresses?.some((a) => a.id === stored.id) ?? false
      setAddresses((list) => [stored, ...(list ?? []).filter((a) => a.id !== stored.id)])
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
    setAddresses((list) => (list ?? []).filter((a) => a.id !== address.id))
    toastSuccess('已删除')
  }

  const locate = useAction(
    () => platform.getLocation().then((reading) => session.withSession(() => postLocation(reading))),
    (stored) => {
      setLocation(stored)
      toastSuccess('已更新位置')
    },
    { quietCancel: true }
  )
  const busy = addAddress.busy || locate.busy

  return (
    <View className='page'>
      <View className='card'>
        <Text className='card__title'>我的收货地址</Text>
        {addresses === null ? <Text className='hint'>加载中…</Text> : null}
        {addresses?.length === 0 ? <Text className='hint'>还没有保存地址</Text> : null}
        {addresses?.map((a) => (
          <View key={a.id} className='address__item'>
            <View>
              <Text className='address__name'>{`${a.userName} ${a.telNumber}`}</Text>
              <Text className='address__detail'>{`${regionOf(a)} ${a.detailInfo}`}</Text>
            </View>
            <View className='address__delete' onClick={() => void remove(a)}>
              删除
            </View>
          </View>
        ))}
      </View>
      <Button className='primary-button address__button' loading={addAddress.busy} disabled={busy} onClick={() => addAddress.run()}>
        从抖音选择收货地址
      </Button>

      <View className='card'>
        <Text className='card__title'>我的位置</Text>
        {location === undefined ? <Text className='hint'>加载中…</Text> : null}
        {location === null ? <Text className='hint'>尚未获取位置</Text> : null}
        {location ? <InfoRows rows={locationRows(location)} /> : null}
      </View>
      <Button className='primary-button' loading={locate.busy} disabled={busy} onClick={() => locate.run()}>
        获取当前位置
      </Button>
      <Text className='hint'>位置使用国测局坐标（GCJ-02），服务端只保存最近一次。</Text>
      <PrivacyPopup />
    </View>
  )
}
