// The pre-registration window's channel: a sticker for a person without a phone.
import { channel, SIGNED_IN } from '../calls/channel';
import { personFieldsSchema } from '../domain/person';
import { stickerOutcomeSchema } from './sticker';

export const preRegistrationChannels = {
  'guide.sticker': channel(['guide'], personFieldsSchema, stickerOutcomeSchema, SIGNED_IN),
};
