// A refusal beside the field it concerns, in the window's language: what is wrong and what to type instead.
import { useTranslation } from 'react-i18next';
import { say, type Placed } from './problems';

export function FieldProblem({ placed, field }: { placed: Placed; field: string }) {
  const { t } = useTranslation();
  const words = placed.fields[field];
  if (!words) return null;
  return (
    <span className="field-problem" role="alert" data-testid={`problem-${field}`}>
      {say(t, words)}
    </span>
  );
}
