/**
 * British names, places and reserved-for-fiction telephone numbers for synthetic people.
 * Street names are generic; postcode districts are real for each town so that addresses
 * look right, but the sector and unit are made up. Telephone numbers come from Ofcom's
 * ranges kept for drama (01632 960xxx, 07700 900xxx), so none rings a real person.
 */
import type { Rng } from './prng';

export const FEMALE_GIVEN = [
  'Margaret', 'Susan', 'Patricia', 'Helen', 'Sarah', 'Emma', 'Charlotte', 'Olivia', 'Amelia', 'Jessica',
  'Hannah', 'Rebecca', 'Joan', 'Irene', 'Pauline', 'Deborah', 'Fatima', 'Aisha', 'Grace', 'Lucy', 'Niamh', 'Siobhan',
] as const;

export const MALE_GIVEN = [
  'John', 'David', 'Peter', 'Michael', 'Robert', 'James', 'Thomas', 'George', 'Harry', 'Oliver',
  'William', 'Stephen', 'Keith', 'Colin', 'Raymond', 'Mohammed', 'Tariq', 'Callum', 'Owen', 'Rhys', 'Kwame', 'Declan',
] as const;

export const FAMILY = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
  'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel',
  'Khan', 'Begum', 'Mensah', 'Kowalski', "O'Brien", 'Mackenzie', 'Lloyd', 'Hughes', 'Edwards',
] as const;

const STREETS = [
  'Mill Lane', 'Church Street', 'Station Road', 'Victoria Road', 'High Street', 'Orchard Close', 'Willow Way',
  'The Causeway', 'Bridge Street', 'Manor Road', 'Meadow View', 'Chapel Lane', 'Fen Road', 'Queens Drive',
] as const;

export type Region = 'cambs' | 'herts';

interface Town {
  city: string;
  district: string;
  /** Real postcode districts for the town. */
  outward: readonly string[];
  county: string;
}

const TOWNS: Record<Region, readonly Town[]> = {
  cambs: [
    { city: 'Cambridge', district: 'Cambridgeshire', outward: ['CB1', 'CB2', 'CB4', 'CB5'], county: 'Cambridgeshire' },
    { city: 'Ely', district: 'East Cambridgeshire', outward: ['CB6', 'CB7'], county: 'Cambridgeshire' },
    { city: 'Huntingdon', district: 'Huntingdonshire', outward: ['PE29'], county: 'Cambridgeshire' },
    { city: 'St Ives', district: 'Huntingdonshire', outward: ['PE27'], county: 'Cambridgeshire' },
    { city: 'March', district: 'Fenland', outward: ['PE15'], county: 'Cambridgeshire' },
    { city: 'Wisbech', district: 'Fenland', outward: ['PE13', 'PE14'], county: 'Cambridgeshire' },
  ],
  herts: [
    { city: 'Harlow', district: 'Harlow', outward: ['CM17', 'CM18', 'CM19', 'CM20'], county: 'Essex' },
    { city: "Bishop's Stortford", district: 'East Hertfordshire', outward: ['CM23'], county: 'Hertfordshire' },
    { city: 'Hertford', district: 'East Hertfordshire', outward: ['SG13', 'SG14'], county: 'Hertfordshire' },
    { city: 'Ware', district: 'East Hertfordshire', outward: ['SG12'], county: 'Hertfordshire' },
    { city: 'Hoddesdon', district: 'Broxbourne', outward: ['EN11'], county: 'Hertfordshire' },
  ],
};

/** Letters allowed in the inward part of a postcode (not C, I, K, M, O, V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export interface UkAddress {
  line: string[];
  city: string;
  district: string;
  postalCode: string;
}

export function ukAddress(rng: Rng, region: Region): UkAddress {
  const town = rng.pick(TOWNS[region]);
  const letter = () => INWARD_LETTERS[rng.int(0, INWARD_LETTERS.length - 1)] ?? 'A';
  const inward = `${rng.int(1, 9)}${letter()}${letter()}`;
  const line = [`${rng.int(1, 120)} ${rng.pick(STREETS)}`];
  return { line, city: town.city, district: town.county, postalCode: `${rng.pick(town.outward)} ${inward}` };
}

export function landline(rng: Rng): string {
  return `01632 960${String(rng.int(0, 999)).padStart(3, '0')}`;
}

export function mobile(rng: Rng): string {
  return `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
}
