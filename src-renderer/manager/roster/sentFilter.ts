// The filter as the core is asked it: a unit typed with spaces around it is the same unit.
import type { Filter } from './NotYetFilters';

export const sentFilter = (filter: Filter): Filter => ({ ...filter, unit: filter.unit?.trim() || undefined });
