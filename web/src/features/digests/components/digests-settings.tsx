// Settings › Weekly digest (managers and admins): who gets the past week of a team or a tag by email
// every Monday, in which language; adding any address, removing one. Subscribers stop it themselves
// with the link every digest carries.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '@ecoute/shared/agent-contract';
import type { DigestSubscriber } from '@ecoute/shared/digest-contract';
import { LOCALES, type Locale } from '@ecoute/shared/locale';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError, ActionSuccess, EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useAddDigestSubscriber } from '../api/add-digest-subscriber.ts';
import { useDigestSubscribers } from '../api/get-digest-subscribers.ts';
import { useRemoveDigestSubscriber } from '../api/remove-digest-subscriber.ts';

type About = 'team' | 'tag';

function AddSubscriber({ teams }: { teams: Pick<Team, 'id' | 'name'>[] }) {
  const { t, i18n } = useTranslation();
  const add = useAddDigestSubscriber();
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<Locale>(i18n.language === 'fr' ? 'fr' : 'en');
  const [about, setAbout] = useState<About>('team');
  const [teamId, setTeamId] = useState<string | null>(teams[0]?.id ?? null);
  const [tag, setTag] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const target = about === 'team' ? { teamId: teamId ?? teams[0]?.id ?? '' } : { tag: tag.trim() };
    add.mutate(
      { email: email.trim(), locale, ...target },
      {
        onSuccess: (subscriber) => {
          setAdded(subscriber.email);
          setEmail('');
          setTag('');
        },
      },
    );
  };
  return (
    <form className="card digest-form" onSubmit={submit} aria-label={t('digests.add')}>
      <h2>{t('digests.add')}</h2>
      <TextField label={t('digests.email')} type="email" value={email} onChange={setEmail} isRequired />
      <SelectField
        label={t('digests.language')}
        options={LOCALES.map((id) => ({ id, label: t(`languages.${id}`) }))}
        value={locale}
        onChange={setLocale}
      />
      <SelectField
        label={t('digests.about')}
        options={[
          { id: 'team' as const, label: t('digests.aboutTeam') },
          { id: 'tag' as const, label: t('digests.aboutTag') },
        ]}
        value={about}
        onChange={setAbout}
      />
      {about === 'team' ? (
        <SelectField
          label={t('digests.team')}
          options={teams.map((team) => ({ id: team.id, label: team.name }))}
          value={teamId ?? teams[0]?.id ?? null}
          onChange={setTeamId}
        />
      ) : (
        <TextField label={t('digests.tag')} value={tag} onChange={setTag} isRequired />
      )}
      <ActionError error={add.error} />
      {added ? <ActionSuccess>{t('digests.added', { email: added })}</ActionSuccess> : null}
      <Button type="submit" variant="primary" isPending={add.isPending}>
        {t('digests.addButton')}
      </Button>
    </form>
  );
}

function Subscriber({ subscriber }: { subscriber: DigestSubscriber }) {
  const { t } = useTranslation();
  const remove = useRemoveDigestSubscriber(subscriber.id);
  return (
    <tr>
      <td>{subscriber.email}</td>
      <td>
        {subscriber.team
          ? t('digests.ofTeam', { name: subscriber.team.name })
          : t('digests.ofTag', { tag: subscriber.tag })}
      </td>
      <td>{t(`languages.${subscriber.locale}`)}</td>
      <td>
        <Button
          size="small"
          variant="quiet"
          isPending={remove.isPending}
          aria-label={t('digests.removeNamed', { email: subscriber.email })}
          onPress={() => remove.mutate()}
        >
          {t('digests.remove')}
        </Button>
        <ActionError error={remove.error} />
      </td>
    </tr>
  );
}

export function DigestsSettings({ teams }: { teams: Pick<Team, 'id' | 'name'>[] }) {
  const { t } = useTranslation();
  const subscribers = useDigestSubscribers();
  return (
    <Page title={t('digests.title')}>
      <p className="lead">{t('digests.intro')}</p>
      {subscribers.isPending ? (
        <LoadingState />
      ) : subscribers.isError ? (
        <ErrorState error={subscribers.error} onRetry={() => void subscribers.refetch()} />
      ) : subscribers.data.length === 0 ? (
        <EmptyState title={t('digests.empty')} />
      ) : (
        <table className="digests">
          <caption className="visually-hidden">{t('digests.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('digests.email')}</th>
              <th scope="col">{t('digests.about')}</th>
              <th scope="col">{t('digests.language')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('digests.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {subscribers.data.map((subscriber) => (
              <Subscriber key={subscriber.id} subscriber={subscriber} />
            ))}
          </tbody>
        </table>
      )}
      <AddSubscriber teams={teams} />
    </Page>
  );
}
