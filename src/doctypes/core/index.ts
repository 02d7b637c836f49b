import { Type } from '@nestjs/common';
import { ApiRequestLog } from './api-request-log/api-request-log.doctype';
import { DocPerm } from './docperm/docperm.doctype';
import { HasRole } from './has-role/has-role.doctype';
import { OAuthBearerToken } from './oauth-bearer-token/oauth-bearer-token.doctype';
import { OAuthClient } from './oauth-client/oauth-client.doctype';
import { PortalUser } from './portal-user/portal-user.doctype';
import { Role } from './role/role.doctype';
import { SystemSettingsController } from './system-settings/system-settings.controller';
import { SystemSettings } from './system-settings/system-settings.doctype';
import { UserController } from './user/user.controller';
import { User } from './user/user.doctype';
import { UserPermission } from './user-permission/user-permission.doctype';
import { Version } from './version/version.doctype';

export const CORE_DOCTYPES = [User, HasRole, Role, DocPerm, UserPermission, Version, OAuthClient, OAuthBearerToken, ApiRequestLog, PortalUser, SystemSettings];
export const CORE_CONTROLLERS: Type[] = [UserController, SystemSettingsController];
