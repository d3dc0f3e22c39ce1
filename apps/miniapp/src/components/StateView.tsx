import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { Remote } from '../hooks/use-remote'

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

/**
 * A card's body for data it loads (useRemote): the loading state, the failure with its retry,
 * the empty state for no data (null) or when `isEmpty` says so, else what `children` makes of it.
 */
export function RemoteView<T>({
  remote,
  isEmpty,
  empty,
  children
}: {
  remote: Remote<T>
  isEmpty?: (data: NonNullable<T>) => boolean
  empty: { title: string; hint?: string }
  children: (data: NonNullable<T>) => ReactNode
}) {
  const { state } = remote
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void remote.reload()} />
  const { data } = state
  if (data === null || data === undefined || isEmpty?.(data)) return <EmptyState {...empty} />
  return <>{children(data)}</>
}
