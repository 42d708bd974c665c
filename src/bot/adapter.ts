/**
 * The one place that reads Telegram updates for screening: turns a message (text, caption, forward of any origin,
 * edit) into the project's own request type, so no handler passes `ctx` inward.
 */

/** What kind of thing the user sent. */
export type InputKind = 'text' | 'photo' | 'sticker' | 'voice' | 'media' | 'location' | 'other';

/** A message to screen, or to explain why it cannot be. */
export interface ScreeningRequest {
  readonly chatId: number;
  readonly userId: number;
  readonly messageId: number;
  /** The text to screen: message text or caption; empty when there is none. */
  readonly text: string;
  readonly kind: InputKind;
  readonly forwarded: boolean;
  /** Who the forwarded message came from, as far as Telegram tells. */
  readonly forwardFrom?: 'user' | 'hidden_user' | 'chat' | 'channel';
  readonly edited: boolean;
  readonly mediaGroupId?: string;
}

interface TgMessage {
  message_id: number;
  chat: { id: number; type: string };
  from?: { id: number };
  text?: string;
  caption?: string;
  photo?: unknown;
  sticker?: unknown;
  voice?: unknown;
  video_note?: unknown;
  audio?: unknown;
  video?: unknown;
  animation?: unknown;
  document?: unknown;
  location?: unknown;
  venue?: unknown;
  contact?: unknown;
  poll?: unknown;
  dice?: unknown;
  media_group_id?: string;
  forward_origin?: { type: 'user' | 'hidden_user' | 'chat' | 'channel' };
  forward_from?: unknown;
  forward_sender_name?: string;
  forward_from_chat?: { type: string };
}

function kindOf(m: TgMessage): InputKind {
  if (typeof m.text === 'string') return 'text';
  if (m.photo) return 'photo';
  if (m.sticker) return 'sticker';
  if (m.voice || m.video_note || m.audio) return 'voice';
  if (m.video || m.animation || m.document) return 'media';
  if (m.location || m.venue) return 'location';
  return 'other';
}

/** Reads a message or edited message; undefined when the update holds neither. */
export function toScreeningRequest(update: { message?: unknown; edited_message?: unknown; channel_post?: unknown }): ScreeningRequest | undefined {
  const edited = update.edited_message !== undefined;
  const m = (update.message ?? update.edited_message) as TgMessage | undefined;
  if (!m || !m.chat) return undefined;
  const legacy: ScreeningRequest['forwardFrom'] = m.forward_from
    ? 'user'
    : m.forward_sender_name
      ? 'hidden_user'
      : m.forward_from_chat
        ? m.forward_from_chat.type === 'channel'
          ? 'channel'
          : 'chat'
        : undefined;
  const forwardFrom = m.forward_origin?.type ?? legacy;
  return {
    chatId: m.chat.id,
    userId: m.from?.id ?? m.chat.id,
    messageId: m.message_id,
    text: m.text ?? m.caption ?? '',
    kind: kindOf(m),
    forwarded: forwardFrom !== undefined,
    ...(forwardFrom ? { forwardFrom } : {}),
    edited,
    ...(m.media_group_id ? { mediaGroupId: m.media_group_id } : {}),
  };
}
