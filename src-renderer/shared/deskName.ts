// A desk as people call it: "登记台 2", or the pre-registration window where its devices are assigned.
import type { TFunction } from 'i18next';
import { GUIDE_DESK } from '../../src-main/core/contract/names';

export function deskName(t: TFunction, desk: string): string {
  return desk === GUIDE_DESK ? t('live.guideDesk') : t('live.desk', { desk });
}
