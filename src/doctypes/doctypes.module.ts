import { Module } from '@nestjs/common';
import { LinkedContacts } from './contacts/dynamic-links';
import { CONTROLLERS } from './index';

/** The built-in doctypes' controllers and the helpers they are given. */
@Module({ providers: [...CONTROLLERS, LinkedContacts] })
export class DoctypesModule {}
