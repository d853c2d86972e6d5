// Uploading to the platform, for the manager: where it stands (pushed by the core), the facts the platform
// refused and the way back for them, and where and how this station uploads.
import { HeldFacts } from './HeldFacts';
import { UploadSettings } from './UploadSettings';
import { UploadStatus } from './UploadStatus';
import { useLiveValue } from '../../shared/useBridge';
import './upload.css';

export function UploadPanel() {
  const { value: status } = useLiveValue('site.upload', 'upload.changed');
  return (
    <div className="upload">
      <UploadStatus status={status} />
      <HeldFacts held={status?.held ?? 0} />
      <UploadSettings />
    </div>
  );
}
