/**
 * Alerts (Flag): falls risk, safeguarding, reasonable adjustments and DNACPR
 * decisions, each recorded by the kinds of organisation that hold them in practice.
 * Categories from the HL7 flag-category code system; SNOMED CT where a concept fits.
 */
import type { Flag } from 'fhir/r4';
import type { OrganisationKind } from '../sandbox/topology';
import type { RecordContext } from './context';
import type { FlagKey } from './plans';
import { dateBefore } from './clock';
import { FLAG_CATEGORY, SNOMED } from './systems';

interface FlagSpec {
  category: [code: string, display: string];
  text: string;
  snomed?: [string, string];
  heldBy: OrganisationKind[];
}

const FLAGS: Record<FlagKey, FlagSpec> = {
  fallsRisk: {
    category: ['clinical', 'Clinical'], text: 'At risk of falls: uses a walking frame indoors',
    snomed: ['129839007', 'At risk for falls'], heldBy: ['gp-practice', 'community-health', 'social-care'],
  },
  safeguarding: {
    category: ['safety', 'Safety'], text: 'Adult safeguarding concern: possible financial abuse. Contact the social worker before sharing information with family',
    heldBy: ['social-care', 'gp-practice'],
  },
  reasonableAdjustment: {
    category: ['admin', 'Administrative'], text: 'Reasonable adjustment: needs longer appointments and information in easy read format',
    heldBy: ['gp-practice', 'acute-hospital', 'mental-health'],
  },
  dnacpr: {
    category: ['advance-directive', 'Advance Directive'], text: 'ReSPECT form completed: not for cardiopulmonary resuscitation',
    snomed: ['304253006', 'Not for resuscitation'], heldBy: ['gp-practice', 'ambulance', 'acute-hospital', 'community-health'],
  },
};

export function flags(ctx: RecordContext): Flag[] {
  return ctx.plan.flags
    .filter((key) => FLAGS[key].heldBy.includes(ctx.endpoint.kind))
    .map((key) => {
      const f = FLAGS[key];
      return ctx.add<Flag>({
        resourceType: 'Flag',
        id: ctx.nextId('Flag'),
        status: 'active',
        category: [{ coding: [{ system: FLAG_CATEGORY, code: f.category[0], display: f.category[1] }] }],
        code: { ...(f.snomed ? { coding: [{ system: SNOMED, code: f.snomed[0], display: f.snomed[1] }] } : {}), text: f.text },
        subject: ctx.subject,
        period: { start: dateBefore(ctx.rng.int(30, 1500)) },
        author: ctx.author.reference ? ctx.author : ctx.organisation,
      });
    });
}

/** A flag that has run its course, so the viewer has an inactive one to leave out. */
export function endedFlag(ctx: RecordContext, text: string, startDaysAgo: number, endDaysAgo: number): Flag {
  return ctx.add<Flag>({
    resourceType: 'Flag',
    id: ctx.nextId('Flag'),
    status: 'inactive',
    category: [{ coding: [{ system: FLAG_CATEGORY, code: 'clinical', display: 'Clinical' }] }],
    code: { text },
    subject: ctx.subject,
    period: { start: dateBefore(startDaysAgo), end: dateBefore(endDaysAgo) },
    author: ctx.organisation,
  });
}
