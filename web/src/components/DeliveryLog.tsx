/** The delivery log of one webhook (Settings): when, what, its state in words, the last answer, and a re-send. */
import { useI18n } from '../i18n/context.tsx';
import { deliveryState, lastAnswer, type Delivery } from '../lib/deliveries.ts';
import { useNow } from '../lib/use-now.ts';

export function DeliveryLog({ log, onResend, onRefresh }: { log: readonly Delivery[] | undefined; onResend: (d: Delivery) => void; onRefresh: () => void }): React.JSX.Element {
  const { t, fmt } = useI18n();
  const now = useNow(1000);
  if (!log) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div aria-label={t('settings.deliveryLog')}>
      <div className="button-row end">
        <button type="button" className="small ghost" onClick={onRefresh}>{t('settings.refresh')}</button>
      </div>
      {log.length === 0 ? (
        <p className="empty">{t('settings.noDelivery')}</p>
      ) : (
        <table className="table small-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.queuedAt')}</th>
              <th scope="col">{t('settings.what')}</th>
              <th scope="col">{t('settings.state')}</th>
              <th scope="col">{t('settings.lastAnswer')}</th>
              <th scope="col">{t('settings.deliveryId')}</th>
              <th scope="col"><span className="sr-only">{t('settings.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {log.map((d) => (
              <tr key={d.id} data-state={d.state}>
                <td className="small">{fmt.dateTime(d.createdAtMs)}</td>
                <td className="small">{d.event === 'test' ? t('settings.deliveryTest') : <a href={`#/alerts/${encodeURIComponent(d.alertId ?? '')}`}>{t('settings.deliveryAlert')}</a>}</td>
                <td className="small">{deliveryState(d, now, t, fmt)}</td>
                <td className="small mono">{lastAnswer(d)}</td>
                <td className="small mono">{d.id}</td>
                <td>
                  <div className="actions">
                    <button type="button" className="small" onClick={() => onResend(d)}>{t('settings.resend')}</button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
