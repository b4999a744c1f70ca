/**
 * The accessibility statement (tillgänglighetsredogörelse) as DIGG requires it, filled from `site.json` →
 * `accessibility` and the publishers: the public body's and the service's names, the compliance level (helt,
 * delvis, inte förenlig), the content that is not accessible with reasons (lack of compliance; disproportionate
 * burden, 12 §; outside the law's requirements, 9 §; each section there even when it has nothing to list), the
 * dates of the assessment and of the last update, the method, the feedback route and DIGG's reporting form.
 *
 * `accessibilityStatement(model, lang)` gives the page everything as finished text; the layout only places it.
 * The wording is here, in Swedish and English; the page's Markdown (content/sv/tillganglighet.md,
 * content/en/accessibility.md) adds how the site was tested.
 */
import { telIri } from '../dcat/iri.ts';
import type { AccessibilityCompliance, InaccessibleContent, Language, LocalizedText, Publisher, SiteModel } from '../model.ts';

/** DIGG's form for reporting a public body's lack of accessibility. */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

/**
 * The dates of the assessment of Insyn's own pages (automated checks with axe-core in Insyn's tests and a review
 * with the keyboard only), used when `site.json` gives none. A publisher that assesses its site sets its own.
 */
export const INSYN_ASSESSMENT = { assessed: '2026-03-09', updated: '2026-03-09' };

export interface ContentItem {
  content: string;
  reason: string;
  /** The language of the item's text, when it is not the page's (an item written in Swedish only). */
  lang?: Language;
}

export interface ContentSection {
  heading: string;
  intro: string;
  items: ContentItem[];
  /** What the section says when it lists nothing. */
  empty: string;
}

export interface FeedbackRoute {
  label: string;
  text: string;
  href: string;
}

export interface AccessibilityStatement {
  publicBody: string;
  service: string;
  intro: string[];
  howAccessible: { heading: string; text: string[] };
  alternative: { heading: string; text: string };
  report: { heading: string; text: string };
  feedback: FeedbackRoute[];
  responseTime?: string;
  supervision: { heading: string; text: string; linkText: string; href: string; after: string };
  technical: { heading: string; commitment: string; compliance: string };
  /** "Innehåll som inte är tillgängligt" and its three sections: lack of compliance, 12 §, 9 §. */
  inaccessible: { heading: string; sections: ContentSection[] };
  method: { heading: string; text: string };
  assessed: { text: string; date: string };
  updated: { text: string; date: string };
  published?: { text: string; date: string };
}

const COMPLIANCE: Record<AccessibilityCompliance, LocalizedText & { en: string }> = {
  full: {
    sv: 'Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.',
    en: 'The website is fully compliant with the Act on accessibility to digital public services.',
  },
  partial: {
    sv: 'Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.',
    en: 'The website is partially compliant with the Act on accessibility to digital public services, due to the shortcomings described below.',
  },
  none: {
    sv: 'Webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service. De brister vi känner till beskrivs nedan.',
    en: 'The website is not compliant with the Act on accessibility to digital public services. The shortcomings we know of are described below.',
  },
};

/** `A`, `A och B`, `A, B och C` (sv) / `A, B and C` (en). */
function listing(names: string[], lang: Language): string {
  const and = lang === 'sv' ? ' och ' : ' and ';
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1]}`;
}

function inLang(value: LocalizedText, lang: Language): { text: string; lang?: Language } {
  if (lang === 'en' && value.en !== undefined) return { text: value.en };
  return lang === 'sv' ? { text: value.sv } : { text: value.sv, lang: 'sv' };
}

function items(list: InaccessibleContent[] | undefined, lang: Language): ContentItem[] {
  return (list ?? []).map((item) => {
    const content = inLang(item.content, lang);
    const reason = inLang(item.reason, lang);
    const other = content.lang ?? reason.lang;
    return { content: content.text, reason: reason.text, ...(other ? { lang: other } : {}) };
  });
}

/** The publisher responsible for the website: `accessibility.responsible`, else the first publisher. */
export function responsiblePublisher(model: SiteModel): Publisher {
  const id = model.settings.accessibility?.responsible;
  const found = id === undefined ? model.settings.publishers[0] : model.settings.publishers.find((p) => p.id === id);
  if (!found) throw new Error(`site.json: accessibility.responsible "${id}" is not the id of a publisher`);
  return found;
}

export function accessibilityStatement(model: SiteModel, lang: Language): AccessibilityStatement {
  const settings = model.settings;
  const a = settings.accessibility ?? {};
  const sv = lang === 'sv';
  const body = responsiblePublisher(model);
  const publicBody = body.name;
  const service = (lang === 'en' ? settings.title.en : undefined) ?? settings.title.sv;
  const others = settings.publishers.filter((p) => p.id !== body.id).map((p) => p.name);
  const compliance = a.compliance ?? 'full';

  const intro = [
    sv
      ? `${publicBody} står bakom webbplatsen ${service}. Vi vill att så många som möjligt ska kunna använda webbplatsen. Här beskriver vi hur ${service} uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka tillgänglighetsproblem vi känner till och hur du kan rapportera brister så att vi kan åtgärda dem.`
      : `${publicBody} is responsible for the website ${service}. We want as many people as possible to be able to use the website. Here we describe how ${service} meets the Act (2018:1937) on accessibility to digital public services (lag om tillgänglighet till digital offentlig service), which accessibility problems we know of and how you can report problems so that we can fix them.`,
  ];
  if (others.length > 0) {
    intro.push(
      sv
        ? `Webbplatsen publicerar också data från ${listing(others, lang)}. ${publicBody} ansvarar för webbplatsens tillgänglighet.`
        : `The website also publishes data from ${listing(others, lang)}. ${publicBody} is responsible for the website's accessibility.`,
    );
  }

  const known = (a.nonCompliant?.length ?? 0) + (a.disproportionateBurden?.length ?? 0) > 0;
  const howAccessible = [
    known || compliance !== 'full'
      ? sv
        ? 'Vi vet att delar av webbplatsen inte är helt tillgängliga. Vilka de är och varför beskriver vi under Innehåll som inte är tillgängligt.'
        : 'We know that parts of the website are not fully accessible. Which they are, and why, is described under Content that is not accessible.'
      : sv
        ? 'Vi känner inte till några brister i webbplatsens tillgänglighet.'
        : "We know of no shortcomings in the website's accessibility.",
    sv
      ? 'Alla diagram har en tabell med samma uppgifter. Datafilerna (CSV, JSON och RDF) är maskinläsbara data för kalkylprogram och andra program; deras innehåll visas också som tabeller och sammanställningar på webbplatsen.'
      : 'Every chart has a table with the same information. The data files (CSV, JSON and RDF) are machine-readable data for spreadsheets and other programs; their content is also shown as tables and summaries on the website.',
  ];

  const email = a.feedback?.email ?? settings.contactEmail ?? body.email;
  const phone = a.feedback?.phone ?? body.phone;
  const feedback: FeedbackRoute[] = [
    ...(a.feedback?.url ? [{ label: sv ? 'Formulär' : 'Form', text: a.feedback.url, href: a.feedback.url }] : []),
    { label: sv ? 'E-post' : 'E-mail', text: email, href: `mailto:${email}` },
    ...(phone && telIri(phone) ? [{ label: sv ? 'Telefon' : 'Phone', text: phone, href: telIri(phone)! }] : []),
  ];
  const days = a.responseDays;
  const responseTime =
    days === undefined
      ? undefined
      : sv
        ? `Vi svarar normalt inom ${days} ${days === 1 ? 'arbetsdag' : 'arbetsdagar'}.`
        : `We normally answer within ${days} working ${days === 1 ? 'day' : 'days'}.`;

  const sections: ContentSection[] = [
    {
      heading: sv ? 'Bristande förenlighet med lagkraven' : 'Non-compliance with the legal requirements',
      intro: sv ? 'Följande innehåll uppfyller inte lagkraven:' : 'The following content does not meet the legal requirements:',
      items: items(a.nonCompliant, lang),
      empty: sv ? 'Vi känner inte till något innehåll som inte uppfyller lagkraven.' : 'We know of no content that does not meet the legal requirements.',
    },
    {
      heading: sv ? 'Oskäligt betungande anpassning (12 §)' : 'Disproportionate burden (section 12)',
      intro: sv
        ? `${publicBody} åberopar 12 § lagen (2018:1937) om tillgänglighet till digital offentlig service för följande innehåll, eftersom det vore oskäligt betungande att göra det tillgängligt:`
        : `${publicBody} invokes section 12 of the Act (2018:1937) on accessibility to digital public services for the following content, as making it accessible would be a disproportionate burden:`,
      items: items(a.disproportionateBurden, lang),
      empty: sv
        ? `${publicBody} åberopar inte undantaget för oskäligt betungande anpassning (12 § lagen (2018:1937)) för något innehåll på webbplatsen.`
        : `${publicBody} does not invoke the exemption for disproportionate burden (section 12 of the Act (2018:1937)) for any content of the website.`,
    },
    {
      heading: sv ? 'Innehåll som inte omfattas av lagkraven (9 §)' : 'Content not within the scope of the legal requirements (section 9)',
      intro: sv
        ? 'Följande innehåll omfattas inte av lagkraven enligt 9 § lagen (2018:1937):'
        : 'The following content is outside the scope of the legal requirements under section 9 of the Act (2018:1937):',
      items: items(a.outOfScope, lang),
      empty: sv
        ? 'Webbplatsen har inget innehåll som undantas från lagkraven enligt 9 § lagen (2018:1937).'
        : 'The website has no content that is exempted from the legal requirements under section 9 of the Act (2018:1937).',
    },
  ];

  const method =
    a.method === 'third-party'
      ? sv
        ? `Webbplatsen har granskats av en extern part, ${a.assessor ?? ''}.`
        : `The website has been reviewed by a third party, ${a.assessor ?? ''}.`
      : sv
        ? 'Vi har gjort en självskattning (intern testning) av webbplatsen.'
        : 'We have carried out a self-assessment (internal testing) of the website.';

  const assessed = a.assessed ?? INSYN_ASSESSMENT.assessed;
  const updated = a.updated ?? a.assessed ?? INSYN_ASSESSMENT.updated;
  return {
    publicBody,
    service,
    intro,
    howAccessible: { heading: sv ? 'Hur tillgänglig är webbplatsen?' : 'How accessible is the website?', text: howAccessible },
    alternative: {
      heading: sv ? 'Vad kan du göra om du inte kan använda delar av webbplatsen?' : 'What can you do if you cannot use parts of the website?',
      text: sv
        ? `Om du behöver innehåll från ${service} i en annan form, också datafilerna, kontakta ${publicBody}. Skriv vilken sida eller fil det gäller och i vilken form du behöver innehållet.`
        : `If you need content from ${service} in another form, the data files included, contact ${publicBody}. Say which page or file it concerns and in which form you need the content.`,
    },
    report: {
      heading: sv ? 'Rapportera brister i webbplatsens tillgänglighet' : 'Reporting accessibility problems',
      text: sv
        ? 'Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte är beskrivna på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss. Beskriv gärna vilken sida det gäller, vad som inte fungerar och vilken webbläsare och vilka hjälpmedel du använder.'
        : "We are always working to improve the website's accessibility. If you find problems that are not described on this page, or if you think we do not meet the requirements of the law, let us know. Please describe which page it concerns, what does not work and which browser and assistive technology you use.",
    },
    feedback,
    ...(responseTime ? { responseTime } : {}),
    supervision: {
      heading: sv ? 'Tillsyn' : 'Supervision',
      text: sv
        ? 'Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du'
        : 'The Agency for Digital Government (Myndigheten för digital förvaltning, Digg) is responsible for supervising the Act on accessibility to digital public services. If you are not satisfied with how we handle your comments, you can',
      linkText: sv ? 'anmäla det till Digg' : 'report it to Digg',
      href: DIGG_REPORT_URL,
      after: sv ? '.' : ' (the form is in Swedish).',
    },
    technical: {
      heading: sv ? 'Teknisk information om webbplatsens tillgänglighet' : "Technical information about the website's accessibility",
      commitment: sv
        ? `${publicBody} har åtagit sig att göra webbplatsen tillgänglig i enlighet med lagen (2018:1937) om tillgänglighet till digital offentlig service. Webbplatsen är byggd för att uppfylla nivå AA i WCAG 2.1, som är den nivå lagen kräver genom standarden EN 301 549.`
        : `${publicBody} is committed to making the website accessible in accordance with the Act (2018:1937) on accessibility to digital public services. The website is built to meet level AA of WCAG 2.1, the level the law requires through the standard EN 301 549.`,
      compliance: COMPLIANCE[compliance][lang],
    },
    inaccessible: { heading: sv ? 'Innehåll som inte är tillgängligt' : 'Content that is not accessible', sections },
    method: { heading: sv ? 'Hur vi testat webbplatsen' : 'How we tested the website', text: method },
    assessed: { text: sv ? 'Den senaste bedömningen gjordes' : 'The latest assessment was made on', date: assessed },
    updated: { text: sv ? 'Redogörelsen uppdaterades senast' : 'The statement was last updated on', date: updated },
    ...(a.published ? { published: { text: sv ? 'Webbplatsen publicerades' : 'The website was published on', date: a.published } } : {}),
  };
}
