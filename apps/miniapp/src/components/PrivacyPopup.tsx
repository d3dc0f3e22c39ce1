import { useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import {
  PRIVACY_AGREE_BUTTON_ID,
  agreePrivacy,
  disagreePrivacy,
  openPrivacyContract,
  privacyAgreeButtonProps,
  subscribePrivacy,
  type PrivacyRequest
} from '../platform'
import './PrivacyPopup.css'

/**
 * The kit's privacy popup (custom mode, see platform/privacy.ts). Every page that calls a
 * privacy API renders it; it shows only while such a call waits for the user's agreement.
 */
export function PrivacyPopup() {
  const [request, setRequest] = useState<PrivacyRequest | null>(null)
  useEffect(() => subscribePrivacy(setRequest), [])
  if (!request) return null

  return (
    <View className='privacy-popup'>
      <View className='privacy-popup__sheet'>
        <Text className='privacy-popup__title'>隐私保护提示</Text>
        <View className='privacy-popup__body'>
          <Text>使用此功能前，请阅读并同意</Text>
          <Text className='privacy-popup__link' onClick={openPrivacyContract}>
            {request.contractName}
          </Text>
          <Text>。同意后，小程序才会获取完成此功能所需的信息。</Text>
        </View>
        <View className='privacy-popup__actions'>
          <Button className='privacy-popup__refuse' onClick={disagreePrivacy}>
            拒绝
          </Button>
          <Button className='primary-button privacy-popup__agree' {...privacyAgreeButtonProps(PRIVACY_AGREE_BUTTON_ID, agreePrivacy)}>
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
