import { Global, Injectable, Module } from '@nestjs/common';

/** The time, behind a boundary tests can swap (expiries, rate windows). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
