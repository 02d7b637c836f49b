import { ValidationError } from '../../../kernel/errors/errors';
import { DocOf } from '../../../kernel/metadata/types';
import { SYSTEM_SETTINGS } from '../../../kernel/settings/system-settings';
import { isTimeZone } from '../../../kernel/time/clock';
import { defineController } from '../../../kernel/document/types';
import { SystemSettings } from './system-settings.doctype';

type SystemSettingsDoc = DocOf<typeof SystemSettings>;

/** The one System Settings record: named after the doctype, never a second one, never deleted. */
export const SystemSettingsController = defineController(SYSTEM_SETTINGS, {
  beforeInsert(_ctx, doc) {
    doc.name = SYSTEM_SETTINGS;
  },
  validate(_ctx, doc) {
    const settings = doc as SystemSettingsDoc;
    if (!isTimeZone(settings.time_zone)) throw new ValidationError(`System Settings: ${settings.time_zone} is not a known time zone (e.g. Asia/Kolkata, UTC)`);
  },
  onTrash() {
    throw new ValidationError('System Settings cannot be deleted');
  },
});
