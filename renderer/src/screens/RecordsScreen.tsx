import type { CairnApi } from '../../../core/api/contract';
import { DeleteEverything } from '../components/records/DeleteEverything';
import { ProfileReview } from '../components/records/ProfileReview';
import { RecordList } from '../components/records/RecordList';
import { RecordUpload } from '../components/records/RecordUpload';
import { UnlockRecords } from '../components/records/UnlockRecords';
import { useRecords } from '../useRecords';
import './RecordsScreen.css';

/** My records: add record files, review what Cairn found in them, and delete them. */
export function RecordsScreen({ api }: { api: CairnApi }) {
  const data = useRecords(api);
  const { status } = data;

  return (
    <div className="records-screen">
      <h1>My records</h1>
      <p role="status" className={data.notice ? 'records-notice' : 'visually-hidden'}>
        {data.notice}
      </p>
      {status.state === 'loading' && <p>Checking your records…</p>}
      {status.state === 'error' && (
        <p role="alert" className="field-error">
          Could not check your records: {status.message} Close Cairn and start it again.
        </p>
      )}
      {status.state === 'ready' && !status.value.unlocked && <UnlockRecords status={status.value} onUnlock={data.unlock} />}
      {status.state === 'ready' && status.value.unlocked && (
        <>
          <p>
            Your records are encrypted and kept only on this computer. Cairn uses what it finds in them to make
            answers fit you.
          </p>
          <RecordUpload uploads={data.uploads} onFiles={(files) => void data.upload(files)} />
          {data.profile.state === 'loading' && <p>Loading what your records say…</p>}
          {data.profile.state === 'error' && (
            <p role="alert" className="field-error">
              Could not read your profile: {data.profile.message}
            </p>
          )}
          {data.profile.state === 'ready' && <ProfileReview profile={data.profile.value} onEdit={data.edit} />}
          {data.records.state === 'error' && (
            <p role="alert" className="field-error">
              Could not list your record files: {data.records.message}
            </p>
          )}
          {data.records.state === 'ready' && <RecordList records={data.records.value} onRemove={data.remove} />}
          <DeleteEverything onDeleteAll={data.deleteAll} />
        </>
      )}
    </div>
  );
}
