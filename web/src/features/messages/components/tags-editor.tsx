// A message's tags: remove one with its button (or Backspace on it), add one by typing it. Each change
// is saved at once, as the whole list.
import { useState } from 'react';
import { Button as AriaButton, Form, Label, Tag, TagGroup, TagList } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { LIMITS, normalizeTag, TAG_PATTERN } from '../../../lib/contract-values.ts';
import { useUpdateTags } from '../api/update-tags.ts';

export function TagsEditor({ messageId, tags }: { messageId: string; tags: string[] }) {
  const { t } = useTranslation();
  const updateTags = useUpdateTags(messageId);
  const [draft, setDraft] = useState('');
  const newTag = normalizeTag(draft.trim().replace(/^#/, ''));
  const problem = !newTag
    ? null
    : !TAG_PATTERN.test(newTag)
      ? t('tags.invalid')
      : tags.length >= LIMITS.tagsPerMessage
        ? t('tags.tooMany', { max: LIMITS.tagsPerMessage })
        : null;

  return (
    <section className="panel" aria-labelledby="tags-title">
      <TagGroup className="tag-group" onRemove={(keys) => updateTags.mutate(tags.filter((tag) => !keys.has(tag)))}>
        <Label id="tags-title" className="panel__title">
          {t('tags.title')}
        </Label>
        <TagList className="tags" renderEmptyState={() => <span className="muted">{t('tags.none')}</span>}>
          {tags.map((tag) => (
            <Tag key={tag} id={tag} className="tag tag--removable" textValue={tag}>
              #{tag}
              <AriaButton slot="remove" className="tag__remove" aria-label={t('tags.remove', { tag })}>
                <span aria-hidden="true">×</span>
              </AriaButton>
            </Tag>
          ))}
        </TagList>
      </TagGroup>
      <Form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!newTag || problem) return;
          if (tags.includes(newTag)) return setDraft('');
          updateTags.mutate([...tags, newTag], { onSuccess: () => setDraft('') });
        }}
      >
        <TextField
          className="inline-form__field"
          label={t('tags.add')}
          value={draft}
          onChange={setDraft}
          maxLength={LIMITS.tag}
          isInvalid={Boolean(problem)}
          errorMessage={problem}
        />
        <Button type="submit" size="small" isPending={updateTags.isPending} isDisabled={!newTag || Boolean(problem)}>
          {t('tags.addButton')}
        </Button>
      </Form>
      <ActionError error={updateTags.error} />
    </section>
  );
}
