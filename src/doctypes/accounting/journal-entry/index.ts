import { Type } from '@nestjs/common';
import { DocTypeDef } from '../../../kernel/metadata/types';
import { JournalEntryAccount } from '../journal-entry-account/journal-entry-account.doctype';
import { JournalEntryController } from './journal-entry.controller';
import { JournalEntry } from './journal-entry.doctype';

export const JOURNAL_ENTRY_DOCTYPES: DocTypeDef[] = [JournalEntry, JournalEntryAccount];
export const JOURNAL_ENTRY_CONTROLLERS: Type[] = [JournalEntryController];
