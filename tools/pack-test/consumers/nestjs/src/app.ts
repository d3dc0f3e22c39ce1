import 'reflect-metadata';
import { BadRequestException, Body, Controller, type DynamicModule, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DouyinApiError, DouyinClient } from '@douyin-kit/douyin-client';
import { DouyinModule, DouyinWebhook, WebhookEvent, type WebhookEnvelope } from '@douyin-kit/nestjs';

/** What the app is configured with (a real app reads it from its environment). */
export interface AppSettings {
  appId: string;
  appSecret: string;
  douyinBaseUrl: string;
}
const SETTINGS = Symbol('SETTINGS');

/** The pushes the webhook route accepted, for the test to look at. */
export const receivedEvents: WebhookEnvelope[] = [];

@Controller()
class LoginController {
  constructor(@Inject(DouyinClient) private readonly douyin: DouyinClient) {}

  /** tt.login's code → code2session through the module's client. The session_key stays here. */
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: { code?: unknown }): Promise<{ openId: string }> {
    if (typeof body?.code !== 'string' || !body.code) throw new BadRequestException('code is required');
    try {
      const session = await this.douyin.code2Session({ code: body.code });
      return { openId: session.openId ?? '' };
    } catch (error) {
      if (error instanceof DouyinApiError) throw new BadRequestException(`Douyin refused the code (${error.reason})`);
      throw error;
    }
  }
}

@Controller()
class WebhookController {
  @Post('webhooks/douyin')
  @HttpCode(200)
  @DouyinWebhook()
  receive(@WebhookEvent() event: WebhookEnvelope | undefined): Record<string, never> {
    if (!event) throw new BadRequestException('not a Douyin event');
    receivedEvents.push(event);
    return {};
  }
}

@Module({})
class SettingsModule {
  static register(settings: AppSettings): DynamicModule {
    return { module: SettingsModule, providers: [{ provide: SETTINGS, useValue: settings }], exports: [SETTINGS] };
  }
}

@Module({})
class AppModule {
  static register(settings: AppSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DouyinModule.forRootAsync({
          imports: [SettingsModule.register(settings)],
          inject: [SETTINGS],
          useFactory: (s: AppSettings) => ({ client: { appId: s.appId, appSecret: s.appSecret, baseUrl: s.douyinBaseUrl } }),
        }),
      ],
      controllers: [LoginController, WebhookController],
    };
  }
}

/** Starts the app on 127.0.0.1:`port`; rawBody keeps the bytes the webhook signature covers. */
export async function startApp(settings: AppSettings, port: number): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(settings), { rawBody: true, logger: ['error', 'warn'] });
  await app.listen(port, '127.0.0.1');
  return app;
}
