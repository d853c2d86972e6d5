// The one way SwabDesk's services write to their log: every line goes through maskInText first, so no log ever
// holds a full ID number or phone, whatever an error message quotes.
import { maskInText } from '../domain/mask';

export function logError(message: string): void {
  console.error(maskInText(message));
}
