import { fireEvent, render, screen } from '@testing-library/react'
import { Avatar } from './Avatar'

describe('Avatar', () => {
  it('shows the image while it loads', () => {
    const { container } = render(<Avatar className='avatar' url='https://cdn.test/a.jpeg' name='小明' />)

    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://cdn.test/a.jpeg')
    expect(screen.queryByText('小')).toBeNull()
  })

  it('falls back to the initial when the image fails to load, and tries a new URL again', () => {
    const { container, rerender } = render(<Avatar className='avatar' url='https://cdn.test/expired.jpeg' name='小明' />)

    fireEvent.error(container.querySelector('img')!)

    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByText('小').parentElement?.className).toBe('avatar avatar--initial')

    rerender(<Avatar className='avatar' url='https://cdn.test/fresh.jpeg' name='小明' />)
    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://cdn.test/fresh.jpeg')
  })

  it('shows the initial without a URL, and an empty circle without a name', () => {
    const { container, rerender } = render(<Avatar className='avatar' url={null} name='Alice' />)
    expect(screen.getByText('A')).toBeTruthy()

    rerender(<Avatar className='avatar' url={null} name={null} />)
    expect(container.querySelector('.avatar--initial')?.textContent).toBe('')
  })
})
