// An excused person's reason as the list and the printed sheet say it: the reason, its note, who and when.
import type { TFunction } from 'i18next';
import type { Output } from '../../../src-main/core/contract';
import { localTime } from '../handover/localTime';

type Excused = NonNullable<Output<'roster.notYet'>['people'][number]['excused']>;

export function excusedWords(t: TFunction, excused: Excused): string {
  const reason = t(`coverage.reasons.${excused.reason}`);
  return t('coverage.list.excusedBy', {
    reason: excused.note === '' ? reason : `${reason}：${excused.note}`,
    by: excused.by,
    time: localTime(excused.at),
  });
}
