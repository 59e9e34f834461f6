// /messages/:id: everything about one message, composed from the features that own each part: the
// customer's words and timeline, the composer, commitments, emails, tags, assignee, spam, the team's data,
// and the colleagues on it (presence).
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { allowedActions } from '@ecoute/shared/lifecycle';
import { Page } from '../../components/layouts/page.tsx';
import { StatusBadge } from '../../components/ui/status-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { CommitmentList } from '../../features/commitments/components/commitment-list.tsx';
import { PinPanel } from '../../features/customer-day/components/pin-panel.tsx';
import { useMessage } from '../../features/messages/api/get-message.ts';
import { MoveMessagePanel } from '../../features/messages/components/move-message-panel.tsx';
import { CustomerMessage } from '../../features/messages/components/customer-message.tsx';
import { MessageEmails } from '../../features/messages/components/message-emails.tsx';
import { NoteForm } from '../../features/messages/components/note-form.tsx';
import { OtherMessages } from '../../features/messages/components/other-messages.tsx';
import { SpamActions } from '../../features/messages/components/spam-actions.tsx';
import { TagsEditor } from '../../features/messages/components/tags-editor.tsx';
import { Timeline } from '../../features/messages/components/timeline.tsx';
import { useMessagePresence } from '../../features/presence/api/presence.ts';
import { PresenceList } from '../../features/presence/components/presence-list.tsx';
import { Composer } from '../../features/replies/components/composer.tsx';
import { useTeams } from '../../features/teams/api/get-teams.ts';
import { useTemplates } from '../../features/templates/api/get-templates.ts';
import { useTeammates } from '../../features/users/api/get-users.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useUser } from '../../lib/auth.tsx';
import { hasRole } from '../../lib/contract-values.ts';

function BackLink({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return (
    // The inbox selects this message again, so that j/k go on from where the agent was.
    <Link
      className="back-link"
      to={typeof from === 'string' ? from : '/inbox/unanswered'}
      state={{ selectedId: messageId }}
    >
      <span aria-hidden="true">← </span>
      {t('message.backToInbox')}
    </Link>
  );
}

export function MessageRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useMessage(id);
  const users = useTeammates();
  const teams = useTeams();
  const templates = useTemplates();
  const presence = useMessagePresence(id);
  const user = useUser();

  if (detail.isPending) {
    return (
      <Page title={t('message.title')} before={<BackLink messageId={id} />}>
        <LoadingState />
      </Page>
    );
  }
  if (detail.isError) {
    return (
      <Page title={t('message.title')} before={<BackLink messageId={id} />}>
        {isApiError(detail.error, 404) || isApiError(detail.error, 400) ? (
          <EmptyState title={t('message.notFound')}>
            <p>{t('message.notFoundBody')}</p>
          </EmptyState>
        ) : (
          <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
        )}
      </Page>
    );
  }

  const { message, timeline, commitments, otherMessages, emails } = detail.data;
  const answered = timeline.some((event) => event.type === 'reply');
  const canReply = allowedActions(message.status, answered).includes('reply');
  return (
    <Page
      className="message-page"
      title={t('message.titleWith', {
        reference: message.reference,
        name: message.customerName ?? t('message.anonymous'),
      })}
      before={<BackLink messageId={id} />}
      actions={<StatusBadge status={message.status} />}
    >
      <PresenceList people={presence.others} announce />
      <div className="message-layout">
        <div className="message-layout__main">
          <CustomerMessage message={message} />
          <Timeline events={timeline} customerName={message.customerName} />
          {canReply ? (
            <Composer
              key={message.id}
              message={message}
              templates={templates.data ?? []}
              templatesLoading={templates.isPending}
              users={users.data ?? []}
              lastEventId={timeline.at(-1)!.id}
              onTyping={presence.typed}
            />
          ) : (
            <p className="card notice">{t('message.cannotReply')}</p>
          )}
          <NoteForm messageId={message.id} />
        </div>
        <aside className="message-layout__side" aria-label={t('message.aside')}>
          <MoveMessagePanel
            key={`${message.team.id} ${message.assignee?.id ?? ''}`}
            message={message}
            users={users.data ?? []}
            teams={teams.data ?? []}
          />
          <section className="panel" aria-labelledby="commitments-title">
            <h2 id="commitments-title" className="panel__title">
              {t('commitments.title')}
            </h2>
            {commitments.length === 0 ? (
              <p className="muted">{t('commitments.noneOnMessage')}</p>
            ) : (
              <CommitmentList commitments={commitments} />
            )}
          </section>
          <MessageEmails emails={emails} hasAddress={message.customerEmail !== null} />
          <TagsEditor messageId={message.id} tags={message.tags} />
          {hasRole(user.role, 'manager') && message.status !== 'spam' ? <PinPanel messageId={message.id} /> : null}
          <SpamActions messageId={message.id} status={message.status} answered={answered} />
          {message.customerEmail ? <OtherMessages messages={otherMessages} /> : null}
        </aside>
      </div>
    </Page>
  );
}
