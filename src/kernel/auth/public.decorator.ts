import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'docket:public';

/** Marks a route that needs no authentication (health, metrics, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
