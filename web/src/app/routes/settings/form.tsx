// /settings/forms/new and /settings/forms/:id (managers read, admins write), loaded on demand.
import { useParams } from 'react-router';
import { FormEditor } from '../../../features/forms/components/form-editor.tsx';
import { RequireRole } from '../../require-role.tsx';

export function Component() {
  const { id } = useParams();
  return (
    <RequireRole role="manager">
      <FormEditor formId={id === 'new' ? undefined : id} />
    </RequireRole>
  );
}
