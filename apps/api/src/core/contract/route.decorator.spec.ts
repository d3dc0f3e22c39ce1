import { Body, Controller, HttpStatus, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { routes, type RouteBody, type RouteResponse } from '@douyin-kit/contracts';
import { CONTRACT_METADATA, Route } from './route.decorator.js';

const user: RouteResponse<typeof routes.me.get> = {
  id: '00000000-0000-4000-8000-000000000001',
  isAnonymous: false,
  nickname: null,
  avatarUrl: null,
  gender: null,
  country: null,
  province: null,
  city: null,
  phoneMasked: null,
  createdAt: '2026-12-06T00:00:00.000Z',
};

@Controller()
class ExampleController {
  @Route(routes.addresses.remove)
  remove(): void {}

  @Route(routes.me.get)
  async me(): Promise<RouteResponse<typeof routes.me.get>> {
    return user;
  }

  // The checks below fail typecheck when they stop failing to compile.

  // @ts-expect-error: GET /me answers a user, not a location.
  @Route(routes.me.get)
  async wrongResponse(): Promise<RouteResponse<typeof routes.location.record>> {
    return {
      latitude: 0,
      longitude: 0,
      coordinateSystem: 'gcj02',
      altitude: null,
      accuracy: null,
      verticalAccuracy: null,
      horizontalAccuracy: null,
      speed: null,
      recordedAt: '',
    };
  }

  // @ts-expect-error: POST /me/phone takes the phone body, not a location.
  @Route(routes.me.phone)
  async wrongBody(@Body() body: RouteBody<typeof routes.location.record>): Promise<RouteResponse<typeof routes.me.phone>> {
    return { phoneMasked: String(body.latitude), countryCode: '86' };
  }
}

describe('@Route', () => {
  it("applies the route's method, whole path, success status and contract to the handler", () => {
    const remove = ExampleController.prototype.remove;
    expect(Reflect.getMetadata(METHOD_METADATA, remove)).toBe(RequestMethod.DELETE);
    expect(Reflect.getMetadata(PATH_METADATA, remove)).toBe('/me/addresses/:id');
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, remove)).toBe(HttpStatus.NO_CONTENT);
    expect(Reflect.getMetadata(CONTRACT_METADATA, remove)).toBe(routes.addresses.remove);
    expect(Reflect.getMetadata(METHOD_METADATA, ExampleController.prototype.me)).toBe(RequestMethod.GET);
  });
});
