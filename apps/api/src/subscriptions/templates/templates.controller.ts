import { Controller, Get } from '@nestjs/common';
import { ZTemplateList, type TTemplateList } from '@douyin-kit/contracts';
import { Caller, type AuthContext } from '../../http/auth-context.js';
import { Contract } from '../../contract/contract.decorator.js';
import { TemplatesService } from './templates.service.js';

@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Contract({ summary: "The app's subscription templates (what a subscribe page may ask for)", response: ZTemplateList, errors: ['UNAUTHENTICATED'] })
  async list(@Caller() caller: AuthContext): Promise<TTemplateList> {
    return { templates: await this.templates.list(caller.appId) };
  }
}
