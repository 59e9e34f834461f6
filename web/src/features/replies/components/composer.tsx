// The reply composer: templates filled in for this customer, the reply, the commitments it makes,
// and the personalisation check. A reply that reads like a circular letter is not sent on the first
// click: the composer says why and asks for a second, explicit one. What is written is kept in the
// tab until it is sent (use-reply-draft), so a session that ends or a reload loses nothing. The
// reply says which timeline event the agent had read when they began it: if the customer wrote or a
// colleague answered since, the server refuses it, and the composer shows what changed and asks.
import { useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AgentTimelineEvent, MessageSummary, Teammate, Template } from '@ecoute/shared/agent-contract';
import { renderTemplate, reviewReply, type ReplyWarning, type TemplateContext } from '@ecoute/shared/templates';
import { Button } from '../../../components/ui/button.tsx';
import { ActionError, ActionSuccess } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useUser } from '../../../lib/auth.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import { useSendReply } from '../api/send-reply.ts';
import { discardReplyDraft, useReplyDraft } from '../use-reply-draft.ts';
import { CommitmentRows } from './commitment-rows.tsx';
import { ConversationChanged } from './conversation-changed.tsx';
import { ReplyWarnings } from './reply-warnings.tsx';
import { TemplatePicker } from './template-picker.tsx';

export interface ComposerProps {
  message: Pick<MessageSummary, 'id' | 'reference' | 'customerName' | 'customerEmail' | 'formName' | 'locale'>;
  templates: Template[];
  users: Teammate[];
  templatesLoading?: boolean;
  /** The last event of the timeline on screen. */
  lastEventId: string;
  /** Told of each change to the reply: whether unsent words remain (colleagues see who is writing). */
  onTyping?: (hasWords: boolean) => void;
}

/** Puts `text` where the caret is (replacing any selection), or is the whole reply when it is empty. */
function insertAt(body: string, text: string, textarea: HTMLTextAreaElement | null): { body: string; caret: number } {
  if (!body.trim() || !textarea) return { body: body.trim() ? `${body}\n\n${text}` : text, caret: -1 };
  const start = textarea.selectionStart;
  const end = textarea.selectionEnd;
  return { body: body.slice(0, start) + text + body.slice(end), caret: start + text.length };
}

export function Composer({
  message,
  templates,
  users,
  templatesLoading = false,
  lastEventId,
  onTyping,
}: ComposerProps) {
  const { t } = useTranslation();
  const me = useUser();
  const { draft, setDraft, restored } = useReplyDraft(message.id, me.id);
  const { body, commitments, seenEventId } = draft;
  // On the mutation itself, not on this send: once sent, the composer may be gone (a message that can no
  // longer be answered), and colleagues must stop seeing this agent write at once, not at the next beat.
  const sendReply = useSendReply(message.id, {
    onSent: () => {
      discardReplyDraft(me.id, message.id);
      onTyping?.(false);
    },
  });
  /** Says that the reply on screen is a draft kept from before, not one that went. */
  const [showRestored, setShowRestored] = useState(restored);
  /** The warnings shown for the reply as it is now; null until the agent tries to send it. */
  const [warnings, setWarnings] = useState<ReplyWarning[] | null>(null);
  const [sent, setSent] = useState(false);
  /** What changed since, when the server refused the reply for it; null otherwise. */
  const [changes, setChanges] = useState<AgentTimelineEvent[] | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const warningsRef = useRef<HTMLDivElement>(null);
  const changesRef = useRef<HTMLDivElement>(null);

  const context: TemplateContext = {
    customer: { name: message.customerName, email: message.customerEmail },
    reference: message.reference,
    agent: { name: me.name },
    form: { name: message.formName },
  };

  const edit = (next: string) => {
    // The timeline may grow under the agent while they write, unread: the reply is checked against
    // what was on screen when they began it (and, once shown what changed, against the last of that).
    setDraft((current) => ({
      ...current,
      body: next,
      seenEventId: next.trim() ? (current.seenEventId ?? lastEventId) : null,
    }));
    onTyping?.(next.trim() !== '');
    // A changed reply deserves a fresh look before it goes.
    setWarnings(null);
    if (changes !== null) {
      setChanges(null);
      sendReply.reset();
    }
    setSent(false);
  };

  const insertTemplate = (template: Template) => {
    const { body: next, caret } = insertAt(body, renderTemplate(template.body, context), textarea.current);
    edit(next);
    requestAnimationFrame(() => {
      const element = textarea.current;
      if (!element) return;
      element.focus();
      const position = caret < 0 ? element.value.length : caret;
      element.setSelectionRange(position, position);
    });
  };

  const send = (lastSeenEventId = seenEventId ?? lastEventId) =>
    sendReply.mutate(
      {
        body,
        commitments: commitments.map(({ description, dueOn, ownerId }) => ({
          description: description.trim(),
          dueOn,
          ...(ownerId ? { ownerId } : {}),
        })),
        lastSeenEventId,
      },
      {
        onSuccess: () => {
          setDraft({ body: '', commitments: [], seenEventId: null });
          setShowRestored(false);
          setWarnings(null);
          setChanges(null);
          setSent(true);
        },
        onError: (error) => {
          if (!isApiError(error, 409) || error.code !== 'conversation_changed' || !error.changes?.length) return;
          // The draft stays; once shown what changed, the agent has read up to its last event.
          setChanges(error.changes);
          const lastChange = error.changes.at(-1)!.id;
          setDraft((current) => ({ ...current, seenEventId: lastChange }));
        },
      },
    );

  const onSubmit = () => {
    if (!body.trim()) return;
    // The second, explicit click: "Send anyway", after the personalisation check or what changed.
    if (warnings !== null || changes !== null) return send();
    const found = reviewReply({
      body,
      renderedTemplates: templates.map((template) => renderTemplate(template.body, context)),
      customerName: message.customerName,
    });
    if (found.length === 0) return send();
    setWarnings(found);
  };

  // What the agent must read before sending takes the focus once it is on the page (an effect, not a
  // timer: a timer could run before the block rendered, and under load it did).
  useEffect(() => {
    if (changes !== null) changesRef.current?.focus();
  }, [changes]);
  useEffect(() => {
    if (warnings !== null) warningsRef.current?.focus();
  }, [warnings]);

  const confirming = (warnings !== null && warnings.length > 0) || changes !== null;
  return (
    <section className="card composer" aria-labelledby="composer-title">
      <h2 id="composer-title" className="section-title">
        {t('composer.title')}
      </h2>
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {showRestored ? <p className="muted">{t('composer.draftRestored')}</p> : null}
        <div className="composer__tools">
          <TemplatePicker
            templates={templates}
            locale={message.locale}
            onPick={insertTemplate}
            isLoading={templatesLoading}
          />
        </div>
        <TextField
          label={t('composer.reply')}
          description={t('composer.replyHint', { name: message.customerName ?? t('message.anonymous') })}
          multiline
          rows={8}
          value={body}
          onChange={edit}
          maxLength={LIMITS.reply}
          isRequired
          textAreaRef={textarea}
        />
        <CommitmentRows
          rows={commitments}
          onChange={(rows) => setDraft((current) => ({ ...current, commitments: rows }))}
          users={users}
          defaultOwnerId={me.id}
        />
        {warnings !== null && warnings.length > 0 ? (
          <ReplyWarnings ref={warningsRef} warnings={warnings} customerName={message.customerName} />
        ) : null}
        {changes !== null ? (
          <ConversationChanged ref={changesRef} changes={changes} customerName={message.customerName} />
        ) : (
          <ActionError error={sendReply.error} />
        )}
        {sent ? <ActionSuccess>{t('composer.sent')}</ActionSuccess> : null}
        <div className="form__actions">
          {confirming ? <Button onPress={() => textarea.current?.focus()}>{t('composer.keepEditing')}</Button> : null}
          <Button
            type="submit"
            variant={confirming ? 'danger' : 'primary'}
            isPending={sendReply.isPending}
            isDisabled={!body.trim()}
          >
            {confirming ? t('composer.sendAnyway') : t('composer.send')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
