// A modal dialog for a DialogTrigger: focus moves in and is trapped, Escape closes, focus returns to
// the button that opened it (all react-aria).
import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

export interface ModalDialogProps {
  title: ReactNode;
  children: (close: () => void) => ReactNode;
  /** alertdialog for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
}

export function ModalDialog({ title, children, role = 'dialog' }: ModalDialogProps) {
  return (
    <ModalOverlay className="modal-overlay" isDismissable={role === 'dialog'}>
      <Modal className="modal">
        <Dialog className="dialog" role={role}>
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog__title">
                {title}
              </Heading>
              {children(close)}
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
