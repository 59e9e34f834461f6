// The app's button: react-aria's (press events, visible keyboard focus, pending state) in our looks.
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

export interface ButtonProps extends Omit<AriaButtonProps, 'className'> {
  variant?: 'primary' | 'secondary' | 'quiet' | 'danger';
  size?: 'normal' | 'small';
  className?: string;
}

export function Button({ variant = 'secondary', size = 'normal', className, ...props }: ButtonProps) {
  const classes = ['button', `button--${variant}`, size === 'small' ? 'button--small' : '', className ?? ''];
  return <AriaButton {...props} className={classes.filter(Boolean).join(' ')} />;
}
