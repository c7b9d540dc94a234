import { Badge, Button, Code, Stack, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEye, IconShare, IconTag } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ApiRoot } from '../../api/intel';
import { Pending } from '../../directory/common/Pending';
import { PageHeader } from '../../ui/PageHeader';
import { ExerciseBadge, ExerciseBanner } from '../common/ExerciseBadge';
import { useCollections, useIntelObject } from '../common/hooks';
import { fallbackName, useIntelLabels } from '../common/labels';
import { createLink } from '../common/links';
import { domainTypes } from '../common/stixTypes';
import { MarkDialog } from '../sharing/MarkDialog';
import { ShareDialog } from '../sharing/ShareDialog';
import { TlpBadge } from '../tlp/TlpBadge';
import { CorrelationsPanel } from './CorrelationsPanel';
import { JsonPanel } from './JsonPanel';
import { MisinformationPanel } from './MisinformationPanel';
import { MisinformationSummary } from './MisinformationSummary';
import { ObjectOverview } from './ObjectOverview';
import { RelationshipsPanel } from './RelationshipsPanel';
import { SharingPanel } from './SharingPanel';
import { SightingsPanel } from './SightingsPanel';
import { VersionsPanel } from './VersionsPanel';

/** /intelligence/objects/:id (?root=exercise for drill data): everything the reader may know about one object. */
export function ObjectPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const apiRoot: ApiRoot = search.get('root') === 'exercise' ? 'exercise' : 'real';
  // Keyed, so following a link to another object starts on its overview, not the last tab.
  return <ObjectView key={`${apiRoot}|${id}`} id={id} apiRoot={apiRoot} />;
}

function ObjectView({ id, apiRoot }: { id: string; apiRoot: ApiRoot }) {
  const { t } = useTranslation();
  const { typeLabel } = useIntelLabels();
  const { data: object, error } = useIntelObject(id, apiRoot);
  const collections = useCollections(apiRoot);
  const [tab, setTab] = useState<string | null>('overview');
  const [jsonVersion, setJsonVersion] = useState('');
  const [shareOpen, share] = useDisclosure(false);
  const [markOpen, mark] = useDisclosure(false);
  if (!object) return <Pending error={error} />;

  const title = object.name ?? fallbackName(object.versions[0]?.object, object.id);
  const collectionTitle = (cid: string) => collections.data?.find((c) => c.id === cid)?.title ?? cid;
  const count = (n: number) => ` (${n})`;
  // Misinformation reports are real data only (the server files them in the real API root).
  const reportTypes = object.versions[0]?.object.report_types;
  const isMisinformation =
    apiRoot === 'real' && object.type === 'report' && Array.isArray(reportTypes) && reportTypes.includes('misinformation');
  const isTechnique = apiRoot === 'real' && object.type === 'attack-pattern';

  return (
    <Stack gap="md">
      <div>
        <PageHeader
          title={title}
          crumbs={[{ label: t('nav.intelligence') }, { label: t('intel.nav.explorer'), to: '/intelligence/objects' }, { label: title }]}
          subtitle={<Code fz={12}>{object.id}</Code>}
          badges={
            <>
              {object.exercise && <ExerciseBadge size="lg" />}
              <TlpBadge tlp={object.tlp} size="lg" />
              <Badge variant="light" radius="sm" tt="none" size="lg">
                {typeLabel(object.type)}
              </Badge>
            </>
          }
          actions={
            <>
              {/* STIX sightings are of domain objects only (indicators, malware, campaigns…). */}
              {(domainTypes as readonly string[]).includes(object.type) && (
                <Button
                  component={Link}
                  to={createLink('sighting', { of: object.id, ...(apiRoot === 'exercise' ? { root: apiRoot } : {}) })}
                  variant="default"
                  leftSection={<IconEye size={16} />}
                  data-testid="object-sighting"
                >
                  {t('intel.create.sighting.short')}
                </Button>
              )}
              {object.canShare && (
                <>
                  <Button variant="default" leftSection={<IconTag size={16} />} onClick={mark.open} data-testid="object-mark">
                    {t('intel.mark.title')}
                  </Button>
                  <Button leftSection={<IconShare size={16} />} onClick={share.open} data-testid="object-share">
                    {t('intel.share.title')}
                  </Button>
                </>
              )}
            </>
          }
        />
        {object.exercise && <ExerciseBanner />}
      </div>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">{t('intel.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="versions" data-testid="tab-versions">
            {t('intel.tabs.versions') + count(object.versions.length)}
          </Tabs.Tab>
          <Tabs.Tab value="relationships" data-testid="tab-relationships">
            {t('intel.tabs.relationships') + count(object.relationships.length)}
          </Tabs.Tab>
          <Tabs.Tab value="sharing" data-testid="tab-sharing">
            {t('intel.tabs.sharing')}
          </Tabs.Tab>
          <Tabs.Tab value="correlations" data-testid="tab-correlations">
            {t('intel.tabs.correlations') + count(object.correlations.length)}
          </Tabs.Tab>
          <Tabs.Tab value="sightings" data-testid="tab-sightings">
            {t('intel.tabs.sightings') + count(object.sightings.total)}
          </Tabs.Tab>
          {isTechnique && (
            <Tabs.Tab value="misinformation" data-testid="tab-misinformation">
              {t('intel.tabs.misinformation')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="json" data-testid="tab-json">
            {t('intel.tabs.json')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack gap="md">
            {isMisinformation && <MisinformationSummary id={object.id} />}
            <ObjectOverview object={object} apiRoot={apiRoot} collectionTitle={collectionTitle} />
          </Stack>
        </Tabs.Panel>
        {isTechnique && (
          <Tabs.Panel value="misinformation">
            <MisinformationPanel techniqueId={object.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="versions">
          <VersionsPanel
            versions={object.versions}
            collectionTitle={collectionTitle}
            onShowJson={(v) => {
              setJsonVersion(v);
              setTab('json');
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="relationships">
          <RelationshipsPanel objectId={object.id} relationships={object.relationships} apiRoot={apiRoot} />
        </Tabs.Panel>
        <Tabs.Panel value="sharing">
          <SharingPanel object={object} />
        </Tabs.Panel>
        <Tabs.Panel value="correlations">
          <CorrelationsPanel correlations={object.correlations} apiRoot={apiRoot} />
        </Tabs.Panel>
        <Tabs.Panel value="sightings">
          <SightingsPanel sightings={object.sightings} />
        </Tabs.Panel>
        <Tabs.Panel value="json">
          <JsonPanel versions={object.versions} selected={jsonVersion} onSelect={setJsonVersion} />
        </Tabs.Panel>
      </Tabs>
      <ShareDialog
        object={object}
        opened={shareOpen}
        onClose={share.close}
        onChangeMarking={() => {
          share.close();
          mark.open();
        }}
      />
      <MarkDialog object={object} opened={markOpen} onClose={mark.close} />
    </Stack>
  );
}
