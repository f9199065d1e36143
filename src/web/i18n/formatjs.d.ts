import type { MessageId } from './index';

declare global {
  namespace FormatjsIntl {
    /** Message ids are checked against the English catalogue at compile time. */
    interface Message {
      ids: MessageId;
    }
  }
}
