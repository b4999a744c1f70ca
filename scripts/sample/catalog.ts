/**
 * The invented world the sample data is drawn from: a chart of accounts modelled on the municipal chart
 * (Kommun-Bas, simplified), the departments of a Swedish municipality, name parts for suppliers and sole traders,
 * and the two invented municipalities of the sample site. Every name and number here is invented.
 */
import { withCheckDigit } from './ids.ts';

/** What a supplier sells; decides which accounts its invoices are booked on. */
export type Trade =
  | 'bygg' | 'el' | 'vvs' | 'konsult' | 'it' | 'livsmedel' | 'kontor' | 'energi' | 'transport' | 'vard'
  | 'stad' | 'fastighet' | 'utbildning' | 'kultur' | 'tradgard' | 'sakerhet' | 'media' | 'tolk' | 'fordon'
  | 'finans' | 'forening' | 'offentlig';

export type DepartmentKey = 'BUF' | 'SOC' | 'VOF' | 'SBF' | 'TEK' | 'KOF' | 'KLF' | 'MHF' | 'SERV';

/** Departments (förvaltningar) with how much of the purchasing each does. */
export const DEPARTMENTS: Record<DepartmentKey, { name: string; weight: number }> = {
  BUF: { name: 'Barn- och utbildningsförvaltningen', weight: 30 },
  SOC: { name: 'Socialförvaltningen', weight: 18 },
  VOF: { name: 'Vård- och omsorgsförvaltningen', weight: 16 },
  SBF: { name: 'Samhällsbyggnadsförvaltningen', weight: 12 },
  TEK: { name: 'Tekniska förvaltningen', weight: 14 },
  KOF: { name: 'Kultur- och fritidsförvaltningen', weight: 8 },
  KLF: { name: 'Kommunledningsförvaltningen', weight: 10 },
  MHF: { name: 'Miljö- och hälsoskyddsförvaltningen', weight: 3 },
  SERV: { name: 'Serviceförvaltningen', weight: 8 },
};

export interface Account {
  nr: string;
  text: string;
  /** Median amount of one booking line, in kronor. */
  medianKr: number;
  /** Spread of the lognormal amount (sigma of ln). */
  sigma: number;
  trades: Trade[];
  /** Departments that mostly book on this account (empty: any). */
  departments: DepartmentKey[];
}

/** ~50 accounts, numbers and texts in the style of the municipal chart (simplified and partly invented). */
export const ACCOUNTS: Account[] = [
  { nr: '4010', text: 'Inköp av material', medianKr: 3500, sigma: 1.2, trades: ['bygg', 'el', 'vvs', 'tradgard'], departments: ['TEK', 'SBF'] },
  { nr: '4030', text: 'Livsmedel', medianKr: 6000, sigma: 1.0, trades: ['livsmedel'], departments: ['SERV', 'BUF', 'VOF'] },
  { nr: '4040', text: 'Läromedel', medianKr: 2500, sigma: 1.1, trades: ['utbildning', 'kontor'], departments: ['BUF'] },
  { nr: '4050', text: 'Medicinskt förbrukningsmaterial', medianKr: 3000, sigma: 1.1, trades: ['vard'], departments: ['VOF', 'SOC'] },
  { nr: '4060', text: 'Böcker, tidningar och tidskrifter', medianKr: 900, sigma: 1.0, trades: ['media', 'utbildning'], departments: ['KOF', 'BUF'] },
  { nr: '4070', text: 'Drivmedel', medianKr: 2500, sigma: 0.9, trades: ['fordon', 'energi'], departments: ['TEK'] },
  { nr: '4110', text: 'Elenergi', medianKr: 25000, sigma: 1.3, trades: ['energi'], departments: ['TEK', 'SERV'] },
  { nr: '4120', text: 'Fjärrvärme', medianKr: 30000, sigma: 1.2, trades: ['energi'], departments: ['TEK'] },
  { nr: '4130', text: 'Vatten och avlopp', medianKr: 8000, sigma: 1.1, trades: ['energi', 'offentlig'], departments: ['TEK'] },
  { nr: '4610', text: 'Entreprenader', medianKr: 180000, sigma: 1.3, trades: ['bygg'], departments: ['SBF', 'TEK'] },
  { nr: '4630', text: 'Köp av verksamhet – kommuner och regioner', medianKr: 120000, sigma: 1.1, trades: ['offentlig'], departments: ['SOC', 'BUF', 'VOF'] },
  { nr: '4650', text: 'Köp av plats på HVB-hem', medianKr: 60000, sigma: 0.8, trades: ['vard'], departments: ['SOC'] },
  { nr: '4660', text: 'Köp av huvudverksamhet från företag', medianKr: 45000, sigma: 1.1, trades: ['vard', 'utbildning'], departments: ['VOF', 'BUF', 'SOC'] },
  { nr: '4680', text: 'Köp av verksamhet från föreningar och stiftelser', medianKr: 20000, sigma: 1.0, trades: ['forening'], departments: ['KOF', 'SOC'] },
  { nr: '5410', text: 'Förbrukningsmaterial', medianKr: 1500, sigma: 1.1, trades: ['kontor', 'stad', 'bygg', 'livsmedel', 'vard'], departments: [] },
  { nr: '5460', text: 'Förbrukningsinventarier', medianKr: 4000, sigma: 1.1, trades: ['kontor', 'it', 'bygg'], departments: [] },
  { nr: '5480', text: 'Arbetskläder och skyddsutrustning', medianKr: 2500, sigma: 0.9, trades: ['kontor', 'bygg', 'vard'], departments: ['TEK', 'VOF'] },
  { nr: '5610', text: 'Fordonsreparationer och service', medianKr: 6000, sigma: 1.0, trades: ['fordon'], departments: ['TEK'] },
  { nr: '5810', text: 'Resor och biljetter', medianKr: 1500, sigma: 0.9, trades: ['transport'], departments: [] },
  { nr: '5830', text: 'Kost och logi vid tjänsteresa', medianKr: 2000, sigma: 0.8, trades: ['livsmedel'], departments: [] },
  { nr: '6110', text: 'Kontorsmateriel', medianKr: 800, sigma: 1.0, trades: ['kontor'], departments: [] },
  { nr: '6150', text: 'Trycksaker', medianKr: 4000, sigma: 1.1, trades: ['kontor', 'media'], departments: ['KLF', 'KOF'] },
  { nr: '6210', text: 'Telefoni', medianKr: 3000, sigma: 1.0, trades: ['it'], departments: ['KLF'] },
  { nr: '6230', text: 'Datakommunikation', medianKr: 12000, sigma: 1.0, trades: ['it'], departments: ['KLF'] },
  { nr: '6250', text: 'Porto och postbefordran', medianKr: 2500, sigma: 1.0, trades: ['transport'], departments: ['KLF'] },
  { nr: '6310', text: 'Försäkringspremier', medianKr: 40000, sigma: 1.2, trades: ['finans'], departments: ['KLF'] },
  { nr: '6420', text: 'Konsulttjänster', medianKr: 30000, sigma: 1.2, trades: ['konsult'], departments: ['KLF', 'SBF', 'SOC'] },
  { nr: '6440', text: 'Juridiska tjänster', medianKr: 20000, sigma: 1.0, trades: ['konsult'], departments: ['KLF', 'SOC'] },
  { nr: '6450', text: 'Revision och granskning', medianKr: 35000, sigma: 0.8, trades: ['konsult'], departments: ['KLF'] },
  { nr: '6540', text: 'IT-tjänster', medianKr: 15000, sigma: 1.2, trades: ['it'], departments: ['KLF', 'BUF'] },
  { nr: '6550', text: 'Programvarulicenser', medianKr: 20000, sigma: 1.3, trades: ['it'], departments: ['KLF', 'BUF', 'SOC'] },
  { nr: '6570', text: 'Bankkostnader', medianKr: 600, sigma: 1.0, trades: ['finans'], departments: ['KLF'] },
  { nr: '6590', text: 'Övriga externa tjänster', medianKr: 5000, sigma: 1.2, trades: ['konsult', 'media', 'sakerhet', 'kultur', 'tolk'], departments: [] },
  { nr: '6910', text: 'Kurser och konferenser', medianKr: 4000, sigma: 1.0, trades: ['utbildning', 'konsult'], departments: [] },
  { nr: '6980', text: 'Medlemsavgifter', medianKr: 3000, sigma: 1.2, trades: ['forening', 'offentlig'], departments: ['KLF'] },
  { nr: '7010', text: 'Lokalhyror', medianKr: 70000, sigma: 0.9, trades: ['fastighet'], departments: ['KLF', 'BUF', 'VOF'] },
  { nr: '7020', text: 'Markhyror och arrenden', medianKr: 8000, sigma: 1.0, trades: ['fastighet', 'forening'], departments: ['TEK'] },
  { nr: '7040', text: 'Hyra av maskiner och inventarier', medianKr: 6000, sigma: 1.1, trades: ['bygg', 'fordon', 'kultur'], departments: ['TEK', 'KOF'] },
  { nr: '7110', text: 'Lokalvård', medianKr: 18000, sigma: 1.0, trades: ['stad'], departments: ['SERV', 'BUF'] },
  { nr: '7120', text: 'Snöröjning och halkbekämpning', medianKr: 15000, sigma: 1.1, trades: ['tradgard', 'bygg'], departments: ['TEK'] },
  { nr: '7130', text: 'Reparation och underhåll av fastigheter', medianKr: 12000, sigma: 1.2, trades: ['bygg', 'el', 'vvs'], departments: ['TEK'] },
  { nr: '7140', text: 'Avfallshantering', medianKr: 6000, sigma: 1.1, trades: ['transport', 'offentlig'], departments: ['TEK'] },
  { nr: '7150', text: 'Skötsel av parker och grönytor', medianKr: 14000, sigma: 1.1, trades: ['tradgard'], departments: ['TEK', 'SBF'] },
  { nr: '7210', text: 'Transporter och frakter', medianKr: 3500, sigma: 1.1, trades: ['transport'], departments: [] },
  { nr: '7230', text: 'Skolskjuts', medianKr: 40000, sigma: 0.9, trades: ['transport'], departments: ['BUF'] },
  { nr: '7240', text: 'Färdtjänst', medianKr: 20000, sigma: 1.0, trades: ['transport'], departments: ['VOF', 'SOC'] },
  { nr: '7310', text: 'Annonser och reklam', medianKr: 6000, sigma: 1.1, trades: ['media'], departments: ['KLF', 'SBF'] },
  { nr: '7320', text: 'Representation', medianKr: 2000, sigma: 0.9, trades: ['livsmedel'], departments: ['KLF'] },
  { nr: '7410', text: 'Bevakning och larm', medianKr: 8000, sigma: 1.0, trades: ['sakerhet'], departments: ['TEK', 'SERV'] },
  { nr: '7510', text: 'Kultur- och fritidsarrangemang', medianKr: 10000, sigma: 1.1, trades: ['kultur', 'forening'], departments: ['KOF'] },
  { nr: '7520', text: 'Tolktjänster', medianKr: 2500, sigma: 0.9, trades: ['tolk'], departments: ['SOC', 'VOF', 'BUF'] },
];

/** Words that say what a company does, per trade, as in "Fjällvatten Konsult AB". */
export const TRADE_WORDS: Record<Exclude<Trade, 'forening' | 'offentlig'>, string[]> = {
  bygg: ['Bygg', 'Entreprenad', 'Byggservice', 'Mark & Anläggning', 'Betong', 'Tak & Fasad', 'Snickeri'],
  el: ['El', 'Elinstallation', 'Elteknik', 'Elservice'],
  vvs: ['VVS', 'Rör', 'Värme & Sanitet', 'Ventilation'],
  konsult: ['Konsult', 'Management', 'Utredning & Analys', 'Advokatbyrå', 'Revision', 'Arkitekter'],
  it: ['IT-tjänster', 'Data', 'Systemutveckling', 'IT-partner', 'Digital', 'Nätverk'],
  livsmedel: ['Livsmedel', 'Grossist', 'Bageri', 'Mejeri', 'Frukt & Grönt', 'Catering', 'Konferens & Hotell'],
  kontor: ['Kontorsservice', 'Kontorsmaterial', 'Papper & Tryck', 'Tryckeri', 'Inredning'],
  energi: ['Energi', 'Kraft', 'Fjärrvärme', 'Bränsle'],
  transport: ['Transport', 'Åkeri', 'Buss', 'Taxi', 'Logistik', 'Återvinning'],
  vard: ['Omsorg', 'Vård', 'Assistans', 'Hälsa', 'Behandlingshem', 'Medicinteknik'],
  stad: ['Städ', 'Lokalvård', 'Fönsterputs', 'Städservice'],
  fastighet: ['Fastigheter', 'Fastighets', 'Lokaler'],
  utbildning: ['Utbildning', 'Kompetens', 'Läromedel', 'Förlag'],
  kultur: ['Produktion', 'Teater', 'Musik', 'Event', 'Ljud & Ljus'],
  tradgard: ['Trädgård', 'Grönyteskötsel', 'Park & Mark', 'Maskinstation'],
  sakerhet: ['Säkerhet', 'Larm', 'Bevakning', 'Brandskydd'],
  media: ['Media', 'Reklam', 'Kommunikation', 'Bild & Form'],
  tolk: ['Tolkservice', 'Språktjänst', 'Tolkförmedling'],
  fordon: ['Bil', 'Motor', 'Fordonsservice', 'Maskin'],
  finans: ['Försäkring', 'Finans', 'Kredit'],
};

/** How common each trade is among companies. */
export const TRADE_WEIGHTS: Record<Exclude<Trade, 'forening' | 'offentlig'>, number> = {
  bygg: 16, el: 6, vvs: 6, konsult: 12, it: 10, livsmedel: 7, kontor: 6, energi: 2, transport: 7, vard: 8,
  stad: 4, fastighet: 5, utbildning: 5, kultur: 4, tradgard: 4, sakerhet: 3, media: 4, tolk: 2, fordon: 3, finans: 2,
};

/** Invented place-like name stems, as in "Nordbygg", "Fjällvatten", "Sjöbris". */
export const STEM_FIRST = [
  'Nord', 'Syd', 'Väst', 'Öst', 'Fjäll', 'Sjö', 'Älv', 'Berg', 'Sten', 'Ek', 'Björk', 'Gran', 'Lind', 'Ask', 'Hav',
  'Kust', 'Mo', 'Ljung', 'Sol', 'Dal', 'Strand', 'Vik', 'Skog', 'Äng', 'Lund', 'Hag', 'Al', 'Rönn', 'Sälg', 'Ved',
];
export const STEM_SECOND = [
  'vatten', 'bris', 'dal', 'lund', 'haga', 'ås', 'backa', 'holm', 'vik', 'sken', 'gläntan', 'ljus', 'mark', 'ström',
  'berga', 'näs', 'sund', 'udden', 'kulla', 'torp', 'by', 'fors', 'hed', 'stig', 'klint',
];

export const FIRST_NAMES = [
  'Anna', 'Erik', 'Karin', 'Lars', 'Maria', 'Per', 'Eva', 'Johan', 'Sara', 'Mikael', 'Lena', 'Anders', 'Emma',
  'Fredrik', 'Ingrid', 'Oskar', 'Elin', 'Nils', 'Maja', 'Gustav', 'Sofia', 'Henrik', 'Linnea', 'Ali', 'Fatima',
  'Mehmet', 'Leila', 'Jonas', 'Hanna', 'Björn', 'Åsa', 'Örjan', 'Agneta', 'Ebba', 'Tove', 'Ylva', 'Göran', 'Amir',
];
export const SURNAMES = [
  'Lindqvist', 'Holm', 'Ek', 'Berg', 'Sjöberg', 'Åberg', 'Nyström', 'Lundgren', 'Björk', 'Strand', 'Hedlund', 'Wik',
  'Forsberg', 'Öhman', 'Dahl', 'Engström', 'Falk', 'Hägg', 'Lindahl', 'Sandberg', 'Kaya', 'Haddad', 'Nieminen',
  'Virtanen', 'Ström', 'Ekholm', 'Moberg', 'Blom', 'Sundin', 'Håkansson', 'Jovanović', 'Novak',
];

/** What sole traders (enskilda firmor) do, with the trade their invoices are booked under. */
export const SOLE_TRADER_WORK: { word: string; trade: Trade }[] = [
  { word: 'Snickeri', trade: 'bygg' },
  { word: 'Måleri', trade: 'bygg' },
  { word: 'Elservice', trade: 'el' },
  { word: 'Rörservice', trade: 'vvs' },
  { word: 'Konsult', trade: 'konsult' },
  { word: 'Utbildning & Coachning', trade: 'utbildning' },
  { word: 'Föreläsningar', trade: 'utbildning' },
  { word: 'Musik', trade: 'kultur' },
  { word: 'Illustration', trade: 'media' },
  { word: 'Foto', trade: 'media' },
  { word: 'Tolkning', trade: 'tolk' },
  { word: 'Trädgårdstjänst', trade: 'tradgard' },
  { word: 'Städ', trade: 'stad' },
  { word: 'Fotvård', trade: 'vard' },
  { word: 'Åkeri', trade: 'transport' },
];

/** An invented municipality of the sample site. Codes 99xx are not used by SCB (no county 99). */
export interface SampleMunicipality {
  id: string;
  name: string;
  orgNumber: string;
  municipalityCode: string;
  domain: string;
  /** Inhabitants (site.json `population`): the comparison's spend per inhabitant. */
  population: number;
}

export const EXEMPELBY: SampleMunicipality = {
  id: 'exempelby',
  name: 'Exempelby kommun',
  orgNumber: withCheckDigit('212000990'),
  municipalityCode: '9901',
  domain: 'exempelby.example',
  population: 48_213,
};

export const SJOVIK: SampleMunicipality = {
  id: 'sjovik',
  name: 'Sjöviks kommun',
  orgNumber: withCheckDigit('212000991'),
  municipalityCode: '9902',
  domain: 'sjovik.example',
  population: 31_502,
};

/** The invented region the benchmark file is written for. */
export const REGION_SJOVAST = { orgNumber: withCheckDigit('232100990'), name: 'Region Sjöväst' };

/**
 * Invented public bodies that sell to municipalities (first digit 2). Their numbers use the high end (99xx)
 * of the public series, chosen so as not to be any real body's (not checked against the register).
 */
export const PUBLIC_BODIES: { name: string; orgNumber: string; trade: Trade }[] = [
  { name: EXEMPELBY.name, orgNumber: EXEMPELBY.orgNumber, trade: 'offentlig' },
  { name: SJOVIK.name, orgNumber: SJOVIK.orgNumber, trade: 'offentlig' },
  { name: REGION_SJOVAST.name, orgNumber: REGION_SJOVAST.orgNumber, trade: 'offentlig' },
  { name: 'Sjövästs Räddningstjänstförbund', orgNumber: withCheckDigit('222000990'), trade: 'offentlig' },
  { name: 'Gymnasieförbundet Sjöväst', orgNumber: withCheckDigit('222000991'), trade: 'offentlig' },
  { name: 'Vattenförbundet Sjöväst', orgNumber: withCheckDigit('222000992'), trade: 'offentlig' },
];

/**
 * A few fixed companies whose names exercise quoting and encodings: `"`, `&`, `é`, `’` (Windows-1252 0x92).
 * Org numbers are generated like the others.
 */
export const SPECIAL_COMPANIES: { name: string; trade: Trade }[] = [
  { name: 'Café Sjöbris AB', trade: 'livsmedel' },
  { name: 'D’Angelo Catering AB', trade: 'livsmedel' },
  { name: 'Restaurang "Gamla Tullen" i Sjövik AB', trade: 'livsmedel' },
  { name: 'Björk & Söner Måleri AB', trade: 'bygg' },
  { name: 'Entré Städ AB', trade: 'stad' },
];
