// A coverage rate as the manager reads it: a percentage with one decimal.
import type { TFunction } from 'i18next';

export const percent = (t: TFunction, rate: number) => t('coverage.percent', { rate: (rate * 100).toFixed(1) });
