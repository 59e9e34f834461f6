// A labelled single-choice select (react-aria: listbox in a popover, typeahead, full keyboard).
import type { ReactNode } from 'react';
import {
  Button,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  type Key,
} from 'react-aria-components';

export interface SelectOption<K extends Key> {
  id: K;
  label: string;
}

export interface SelectFieldProps<K extends Key> {
  label: ReactNode;
  options: readonly SelectOption<K>[];
  value: K | null;
  onChange: (value: K) => void;
  description?: ReactNode;
  isDisabled?: boolean;
  /** The label is read to screen readers but not shown, where the context already says it. */
  hideLabel?: boolean;
  className?: string;
  name?: string;
  isRequired?: boolean;
  placeholder?: string;
}

export function SelectField<K extends Key>({
  label,
  options,
  value,
  onChange,
  description,
  isDisabled,
  hideLabel,
  className,
  name,
  isRequired,
  placeholder,
}: SelectFieldProps<K>) {
  return (
    <Select
      className={['field', className ?? ''].filter(Boolean).join(' ')}
      value={value}
      onChange={(key) => {
        if (key !== null) onChange(key as K);
      }}
      isDisabled={isDisabled}
      name={name}
      isRequired={isRequired}
      placeholder={placeholder}
    >
      <Label className={hideLabel ? 'visually-hidden' : 'field__label'}>{label}</Label>
      <Button className="field__input select__button">
        <SelectValue className="select__value" />
        <span aria-hidden="true" className="select__chevron">
          ▾
        </span>
      </Button>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error" />
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem className="listbox__item" id={option.id} textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
