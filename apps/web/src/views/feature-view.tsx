import type { ReactNode } from 'react';
import { Loading } from '../components/loading';
import { NotAvailable } from '../components/not-available';
import { PageHeader } from '../components/page-header';
import { useFeatures, type Feature } from '../lib/use-features';

/** A view whose API arrives later: it shows `children` once the server has the feature, and says so otherwise. */
export function FeatureView({ title, feature, name, children }: { title: string; feature: Feature; name: string; children: ReactNode }) {
  const features = useFeatures();
  return (
    <div>
      <PageHeader title={title} />
      {features.loading ? <Loading /> : features.has(feature) ? children : <NotAvailable feature={name} />}
    </div>
  );
}
