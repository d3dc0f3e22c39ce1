import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'

/**
 * The user's avatar, or the first character of their name when there is none or it does not
 * load (an expired CDN URL, or no network: never a broken-image icon).
 */
export function Avatar({ url, name, className }: { url?: string | null; name?: string | null; className: string }) {
  const [failedUrl, setFailedUrl] = useState<string>()
  if (url && url !== failedUrl) return <Image className={className} src={url} onError={() => setFailedUrl(url)} />
  return (
    <View className={`${className} avatar--initial`}>
      <Text>{name?.slice(0, 1) ?? ''}</Text>
    </View>
  )
}
