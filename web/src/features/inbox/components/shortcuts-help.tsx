// The list of the inbox's keyboard shortcuts, opened with "?" or from the page's button.
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';

export function ShortcutsHelp({ isOpen, onOpenChange }: { isOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const shortcuts: Array<[string[], string]> = [
    [['j'], t('shortcuts.next')],
    [['k'], t('shortcuts.previous')],
    [['Enter'], t('shortcuts.open')],
    [['o'], t('shortcuts.open')],
    [['/'], t('shortcuts.search')],
    [['g', 'u'], t('views.unanswered')],
    [['g', 'm'], t('views.mine')],
    [['g', 'c'], t('views.commitments_due')],
    [['g', 'o'], t('views.overdue')],
    [['g', 'x'], t('views.closed')],
    [['g', 's'], t('views.spam')],
    [['g', 'a'], t('views.all')],
    [['1', '…', '7'], t('shortcuts.viewByNumber')],
    [['?'], t('shortcuts.help')],
  ];
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen={isOpen} onOpenChange={onOpenChange}>
      <Modal className="modal">
        <Dialog className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog__title">
                {t('shortcuts.title')}
              </Heading>
              <p className="muted">{t('shortcuts.intro')}</p>
              <dl className="shortcuts">
                {shortcuts.map(([keys, action]) => (
                  <div key={keys.join(' ')} className="shortcuts__item">
                    <dt>
                      {keys.map((key, index) =>
                        key === '…' ? (
                          <span key={index}> … </span>
                        ) : (
                          <kbd key={index} className="kbd">
                            {key}
                          </kbd>
                        ),
                      )}
                    </dt>
                    <dd>{action}</dd>
                  </div>
                ))}
              </dl>
              <div className="dialog__actions">
                <Button variant="primary" onPress={close} autoFocus>
                  {t('common.close')}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
