// On the message page, for managers: pin the customer's words for the Customer Day of the message's
// period, with an optional note for the report; change the note; unpin.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_DAY_LIMITS } from '@ecoute/shared/customer-day-values';
import { Button } from '../../../components/ui/button.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { ActionError, LoadingState } from '../../../components/ui/states.tsx';
import { formatDay } from '../../../lib/format.ts';
import { useCustomerDayPin, usePin, useUnpin } from '../api/customer-days.ts';

export function PinPanel({ messageId }: { messageId: string }) {
  const { t, i18n } = useTranslation();
  const pin = useCustomerDayPin(messageId);
  const save = usePin(messageId);
  const unpin = useUnpin(messageId);
  const [note, setNote] = useState<string | undefined>(undefined);
  const current = pin.data ?? null;
  const shown = note ?? current?.note ?? '';
  return (
    <section className="panel" aria-labelledby="customer-day-pin-title">
      <h2 id="customer-day-pin-title" className="panel__title">
        {t('customerDay.pin.title')}
      </h2>
      {pin.isPending ? (
        <LoadingState />
      ) : (
        <>
          {current ? (
            <p>{t('customerDay.pin.pinned', { date: formatDay(current.customerDay, i18n.language) })}</p>
          ) : (
            <p className="muted">{t('customerDay.pin.explained')}</p>
          )}
          <TextField
            label={t('customerDay.pin.note')}
            multiline
            rows={2}
            maxLength={CUSTOMER_DAY_LIMITS.pinNote}
            value={shown}
            onChange={setNote}
          />
          <div className="panel__actions">
            <Button
              size="small"
              variant="primary"
              isPending={save.isPending}
              onPress={() => save.mutate(shown.trim() || null, { onSuccess: () => setNote(undefined) })}
            >
              {current ? t('customerDay.pin.saveNote') : t('customerDay.pin.pin')}
            </Button>
            {current ? (
              <Button
                size="small"
                variant="quiet"
                isPending={unpin.isPending}
                onPress={() => unpin.mutate(undefined, { onSuccess: () => setNote(undefined) })}
              >
                {t('customerDay.pin.unpin')}
              </Button>
            ) : null}
          </div>
          <ActionError error={save.error ?? unpin.error} />
        </>
      )}
    </section>
  );
}
