import { View, Text } from '@tarojs/components'

// The three states a card shows before (or instead of) its data; styles in app.css.

export function LoadingState({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='state state--loading'>
      <View className='state__spinner' />
      <Text className='state__text'>{text}</Text>
    </View>
  )
}

export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <View className='state state--empty'>
      <Text className='state__title'>{title}</Text>
      {hint ? <Text className='state__text'>{hint}</Text> : null}
    </View>
  )
}

/** A failed load: what went wrong and a retry (the same load again). */
export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='state state--error'>
      <Text className='state__title'>加载失败</Text>
      <Text className='state__text'>{message}</Text>
      <View className='state__retry' onClick={onRetry}>
        <Text>重试</Text>
      </View>
    </View>
  )
}
