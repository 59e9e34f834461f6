// A labelled text input or textarea with its description and validation message, from react-aria.
import type { ReactNode } from 'react';
import {
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from 'react-aria-components';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  label: ReactNode;
  description?: ReactNode;
  /** Shown with isInvalid, for checks the field cannot express itself. */
  errorMessage?: ReactNode;
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
  className?: string;
  inputRef?: React.Ref<HTMLInputElement>;
  textAreaRef?: React.Ref<HTMLTextAreaElement>;
}

export function TextField({
  label,
  description,
  errorMessage,
  placeholder,
  multiline,
  rows = 4,
  className,
  inputRef,
  textAreaRef,
  ...props
}: TextFieldProps) {
  return (
    <AriaTextField {...props} className={['field', className ?? ''].filter(Boolean).join(' ')}>
      <Label className="field__label">{label}</Label>
      {multiline ? (
        <TextArea
          ref={textAreaRef}
          className="field__input field__input--multiline"
          rows={rows}
          placeholder={placeholder}
        />
      ) : (
        <Input ref={inputRef} className="field__input" placeholder={placeholder} />
      )}
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}
