import { DocController } from '../../../kernel/document/controllers';
import { Ctx } from '../../../kernel/db/context';
import { Doc, DocHooks } from '../../../kernel/document/types';
import { ValidationError } from '../../../kernel/errors/errors';
import { DocOf } from '../../../kernel/metadata/types';
import { SYSTEM_SETTINGS } from '../../../kernel/settings/system-settings';
import { isTimeZone } from '../../../kernel/time/clock';
import { SystemSettings } from './system-settings.doctype';

type SystemSettingsDoc = DocOf<typeof SystemSettings>;

/** The one System Settings record: named after the doctype, never a second one, never deleted. */
@DocController(SYSTEM_SETTINGS)
export class SystemSettingsController implements DocHooks {
  beforeInsert(_ctx: Ctx, doc: Doc): void {
    doc.name = SYSTEM_SETTINGS;
  }

  validate(_ctx: Ctx, doc: Doc): void {
    const settings = doc as SystemSettingsDoc;
    if (!isTimeZone(settings.time_zone)) throw new ValidationError(`System Settings: ${settings.time_zone} is not a known time zone (e.g. Asia/Kolkata, UTC)`);
  }

  onTrash(): void {
    throw new ValidationError('System Settings cannot be deleted');
  }
}
