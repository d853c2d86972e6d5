export function SaveMessage({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return (
    <p className={message.ok ? 'setting-ok' : 'setting-error'} role="status" data-testid="settings-message">
      {message.text}
    </p>
  );
}
