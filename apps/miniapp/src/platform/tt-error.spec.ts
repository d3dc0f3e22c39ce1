import { TtError, isTtCancel } from './tt-error'

describe('isTtCancel', () => {
  it('recognises a closed picker or popup by errNo or errMsg', () => {
    expect(isTtCancel(new TtError('chooseAddress:fail cancel', 103995))).toBe(true)
    expect(isTtCancel(new TtError('requestSubscribeMessage:fail cancel'))).toBe(true)
    expect(isTtCancel(new TtError('getLocation:fail auth deny', 10202))).toBe(false)
    expect(isTtCancel(new Error('chooseAddress:fail cancel'))).toBe(false)
  })
})
