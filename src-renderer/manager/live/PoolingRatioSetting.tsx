import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../../shared/bridge';

/** The site's pooling ratio: how many people go into each new tube. */
export function PoolingRatioSetting() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void bridge.call('site.settings', {}).then((result) => {
      if (result.ok) setValue(String(result.value.poolingRatio));
    });
  }, []);

  async function save() {
    const result = await bridge.call('site.updateSettings', { poolingRatio: Number(value) });
    setMessage(
      result.ok
        ? { ok: true, text: t('manager.saved', { poolingRatio: result.value.poolingRatio }) }
        : { ok: false, text: t('manager.notSaved', { message: result.error.message }) },
    );
  }

  return (
    <form
      className="setting card"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label>
        {t('manager.poolingRatio')}
        <input
          data-testid="pooling-ratio"
          type="number"
          min={1}
          max={100}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
      </label>
      <button type="submit">{t('manager.save')}</button>
      {message && (
        <span className={message.ok ? 'setting-ok' : 'setting-error'} role="status">
          {message.text}
        </span>
      )}
    </form>
  );
}
