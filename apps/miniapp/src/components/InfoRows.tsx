import { View, Text } from '@tarojs/components'

/** Label/value lines of a card (styles `.row`, `.row__label` in app.css). */
export function InfoRows({ rows }: { rows: ReadonlyArray<readonly [string, string]> }) {
  return (
    <>
      {rows.map(([label, value]) => (
        <View key={label} className='row'>
          <Text className='row__label'>{label}</Text>
          <Text className='row__value'>{value}</Text>
        </View>
      ))}
    </>
  )
}
