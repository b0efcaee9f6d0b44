import { Module } from '@nestjs/common'
import { APP_FILTER } from '@nestjs/core'
import { HttpTriageFilter } from 'http-triage/nest'

// The filter as a provider: Nest creates it with the default options.
@Module({ providers: [{ provide: APP_FILTER, useClass: HttpTriageFilter }] })
export class AppModule {}

// Or with options: a value instead of a class.
export const filterWithOptions = { provide: APP_FILTER, useValue: new HttpTriageFilter({ format: 'json' }) }
