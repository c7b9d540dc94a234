/**
 * Loads the demo directory (national CERTs, defence ministries, communities and Viet Nam's drill
 * network of 200 sites). Every record carries an external key, so loading twice changes nothing:
 * records already present are left as they are.
 */
import type { Db } from '../../db/index.js';
import * as audit from '../audit/service.js';
import type { Actor } from '../identity/actor.js';
import * as communitiesStore from './communities.store.js';
import { demoCommunities, demoOrganisations, demoPeople, demoPointsOfContact, demoSites } from './demo-data.js';
import * as orgStore from './organisations.store.js';
import * as peopleStore from './people.store.js';
import * as sitesStore from './sites.store.js';

export interface DemoLoadResult {
  organisations: number;
  sites: number;
  people: number;
  pointsOfContact: number;
  communities: number;
}

async function existingKeys(tx: Db, table: string): Promise<Map<string, string>> {
  const rows = await tx.query<{ external_key: string; id: string }>(`SELECT external_key, id FROM ${table} WHERE external_key IS NOT NULL`);
  return new Map(rows.map((r) => [r.external_key, r.id]));
}

/** Inserts what is missing in one transaction, with one audit entry for the whole load. */
export async function loadDemoDirectory(db: Db, actor: Actor): Promise<DemoLoadResult> {
  return db.transaction(async (tx) => {
    const added: DemoLoadResult = { organisations: 0, sites: 0, people: 0, pointsOfContact: 0, communities: 0 };
    const orgs = await existingKeys(tx, 'organisations');
    // Parents come first in the data, but insert in dependency order anyway so the file may be any order.
    const pending = demoOrganisations.filter((o) => !orgs.has(o.key));
    while (pending.length) {
      const ready = pending.filter((o) => !o.parentKey || orgs.has(o.parentKey));
      if (!ready.length) throw new Error(`demo data: unresolvable parents for ${pending.map((o) => o.key).join(', ')}`);
      for (const o of ready) {
        const id = await orgStore.insert(tx, {
          name: o.name,
          shortName: o.shortName ?? null,
          type: o.type,
          sector: o.sector ?? null,
          countryCode: o.countryCode,
          parentId: o.parentKey ? (orgs.get(o.parentKey) as string) : null,
          externalKey: o.key,
        });
        orgs.set(o.key, id);
        pending.splice(pending.indexOf(o), 1);
        added.organisations++;
      }
    }
    const sites = await existingKeys(tx, 'sites');
    for (const s of demoSites) {
      if (sites.has(s.key)) continue;
      await sitesStore.insert(tx, {
        organisationId: orgs.get(s.organisationKey) as string,
        name: s.name,
        city: s.city ?? null,
        timeZone: s.timeZone,
        mode: s.mode,
        externalKey: s.key,
      });
      added.sites++;
    }
    const people = await existingKeys(tx, 'people');
    for (const p of demoPeople) {
      if (people.has(p.key)) continue;
      const id = await peopleStore.insertPerson(tx, {
        organisationId: orgs.get(p.organisationKey) as string,
        fullName: p.fullName,
        jobTitle: p.jobTitle ?? null,
        email: p.email ?? null,
        externalKey: p.key,
      });
      people.set(p.key, id);
      added.people++;
    }
    const contacts = await existingKeys(tx, 'points_of_contact');
    for (const c of demoPointsOfContact) {
      if (contacts.has(c.key)) continue;
      await peopleStore.insertContact(tx, {
        organisationId: orgs.get(c.organisationKey) as string,
        personId: c.personKey ? (people.get(c.personKey) ?? null) : null,
        label: c.label,
        phone24x7: c.phone24x7 ?? null,
        email: c.email,
        pgpKey: null,
        externalKey: c.key,
      });
      added.pointsOfContact++;
    }
    const communities = await existingKeys(tx, 'communities');
    for (const c of demoCommunities) {
      let id = communities.get(c.key);
      if (!id) {
        id = await communitiesStore.insert(tx, { name: c.name, description: c.description, externalKey: c.key });
        added.communities++;
      }
      await communitiesStore.addMembers(
        tx,
        id,
        c.memberKeys.map((k) => orgs.get(k) as string),
      );
    }
    if (Object.values(added).some((n) => n > 0)) {
      await audit.record(tx, actor, {
        action: 'directory.load_demo',
        targetType: 'directory',
        organisationId: null,
        summary: { ...added },
      });
    }
    return added;
  });
}
