// Writes the fictional demonstration partnership under seed-demo/demo-partnership/: its two plans
// with their frameworks, its organisations and its activities, in the seed file format
// (src/core/seed/seed-file.schema.ts). Every name, figure and date is invented.
//
// The output is deterministic: the same script writes the same files. Each activity is composed from
// a topic written for one action line (and, where the topic also fits another action line, that
// one too), so its confirmed links can be defended from its wording.
//
//   node scripts/demo-seed.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../seed-demo/demo-partnership');
const NOTICE =
  'Fictional demonstration data: written for demonstrations and training, not a record of real cooperation.';
const NBSP = '\u00a0';

// --- Plans -----------------------------------------------------------------------------------

const PLANS = [
  { n: 1, key: 'demo-poa-2016-2020', slug: 'asean-demo-2016-2020', start: 2016, end: 2020, status: 'completed' },
  { n: 2, key: 'demo-poa-2021-2025', slug: 'asean-demo-2021-2025', start: 2021, end: 2025, status: 'completed' },
];

// --- Organisations ---------------------------------------------------------------------------

const ORGS = [
  [
    'demo-partner-agency',
    'Demonstration Partner Agency for International Cooperation',
    'Agence de coopération internationale du Partenaire de démonstration',
    'DPAIC',
    'government',
    undefined,
    'The fictional dialogue partner’s development agency, which funds most of the demonstration activities.',
  ],
  [
    'demo-partner-ministry',
    'Demonstration Partner Ministry of External Relations',
    'Ministère des relations extérieures du Partenaire de démonstration',
    'DPMER',
    'government',
    undefined,
    'The fictional dialogue partner’s foreign ministry, which leads its political dialogue with ASEAN.',
  ],
  [
    'demo-coordination-office',
    'Demonstration Partnership Coordination Office',
    'Bureau de coordination du partenariat de démonstration',
    'DPCO',
    'asean_body',
    undefined,
    'An invented regional office that coordinates the demonstration partnership’s Plans of Action.',
  ],
  [
    'demo-development-fund',
    'Southeast Asia Cooperation Fund (demonstration)',
    "Fonds de coopération pour l'Asie du Sud-Est (démonstration)",
    'SACF',
    'multilateral',
    undefined,
    'An invented pooled fund that co-finances larger demonstration projects.',
  ],
  [
    'demo-tanjung-institute',
    'Tanjung Institute for Security Studies',
    "Institut Tanjung d'études de sécurité",
    'TISS',
    'research',
    'MY',
    'An invented think tank working on transnational crime and border security.',
  ],
  [
    'demo-coral-sea-centre',
    'Coral Sea Maritime Studies Centre',
    "Centre d'études maritimes de la mer de Corail",
    'CSMSC',
    'research',
    'PH',
    'An invented research centre on maritime law, fisheries and ocean safety.',
  ],
  [
    'demo-bayside-network',
    'Bayside Rights and Governance Network',
    'Réseau Bayside pour les droits et la gouvernance',
    undefined,
    'civil_society',
    undefined,
    'An invented regional network of civil-society groups on rights and public integrity.',
  ],
  [
    'demo-lantern-centre',
    'Lantern Centre for Dialogue and Mediation',
    'Centre Lantern pour le dialogue et la médiation',
    undefined,
    'civil_society',
    'ID',
    'An invented centre that trains mediators and hosts confidence-building dialogues.',
  ],
  [
    'demo-meridian-council',
    'Meridian Trade Facilitation Council',
    'Conseil Meridian de facilitation des échanges',
    'MTFC',
    'other',
    'SG',
    'An invented association of customs brokers, freight forwarders and trade agencies.',
  ],
  [
    'demo-riverbend-university',
    'Riverbend University',
    'Université Riverbend',
    undefined,
    'academic',
    'TH',
    'An invented university with programmes in engineering, economics and public policy.',
  ],
  [
    'demo-harvest-institute',
    'Harvest Agricultural Research Institute',
    'Institut de recherche agricole Harvest',
    'HARI',
    'research',
    'KH',
    'An invented institute for crop science, irrigation and food systems.',
  ],
  [
    'demo-summit-academy',
    'Summit Digital Skills Academy',
    'Académie Summit des compétences numériques',
    undefined,
    'private',
    'SG',
    'An invented training company for digital and technical skills.',
  ],
  [
    'demo-northgate-foundation',
    'Northgate Learning Foundation',
    'Fondation Northgate pour l’apprentissage',
    undefined,
    'foundation',
    undefined,
    'An invented foundation that funds scholarships and teacher development.',
  ],
  [
    'demo-halcyon-institute',
    'Halcyon Institute of Public Health',
    'Institut Halcyon de santé publique',
    'HIPH',
    'research',
    'VN',
    'An invented public-health institute for disease surveillance and health systems.',
  ],
  [
    'demo-asterion-network',
    'Asterion Disaster Readiness Network',
    'Réseau Asterion de préparation aux catastrophes',
    undefined,
    'civil_society',
    undefined,
    'An invented network of relief agencies, volunteers and local governments.',
  ],
  [
    'demo-greenleaf-trust',
    'Greenleaf Environmental Trust',
    'Fondation environnementale Greenleaf',
    undefined,
    'foundation',
    'LA',
    'An invented trust for forests, watersheds and climate adaptation.',
  ],
  [
    'demo-orchid-network',
    'Orchid Women’s Leadership Network',
    'Réseau Orchid pour le leadership des femmes',
    undefined,
    'civil_society',
    undefined,
    'An invented network of women leaders, entrepreneurs and advocates.',
  ],
  [
    'demo-kestrel-chamber',
    'Kestrel Chamber of Small Business',
    'Chambre Kestrel des petites entreprises',
    undefined,
    'private',
    'VN',
    'An invented chamber of commerce for small and medium enterprises.',
  ],
];

// --- Framework -------------------------------------------------------------------------------
// Each area lists four action lines: A and B are in both plans, C only in the first, D only in the
// second. A topic is [type, English phrase, French phrase or null, detail sentence, other lines it fits].

const PILLARS = [
  {
    en: 'Political and Security Cooperation',
    fr: 'Coopération politique et de sécurité',
    desc: [
      'Cooperation for a peaceful, secure and rules-based region.',
      'Coopération pour une région pacifique, sûre et fondée sur des règles.',
    ],
    areas: [
      {
        en: 'Transnational crime',
        fr: 'Criminalité transnationale',
        desc: [
          'Joint responses to crime that crosses borders.',
          'Réponses communes à la criminalité qui franchit les frontières.',
        ],
        orgs: ['demo-tanjung-institute', 'demo-bayside-network'],
        lines: {
          A: {
            id: 'trafficking',
            en: 'Combat trafficking in persons and protect its victims',
            fr: 'Lutter contre la traite des personnes et protéger ses victimes',
            desc: [
              'Prevention, prosecution and victim protection against trafficking in persons.',
              'Prévention, poursuites et protection des victimes de la traite des personnes.',
            ],
            topics: [
              [
                'training',
                'identifying and referring survivors of forced labour on fishing vessels',
                'l’identification et l’orientation des rescapés du travail forcé sur les navires de pêche',
                'Labour inspectors, port officers and social workers practised interviewing crew members and referring those held in debt bondage to shelters.',
                ['maritime-safety'],
              ],
              [
                'research',
                'deceptive recruitment agencies that send domestic workers abroad',
                null,
                'Researchers traced how brokers charge illegal fees, confiscate passports and mislead women about the jobs waiting for them.',
                ['migrant-workers'],
              ],
              [
                'project',
                'shelters and reintegration services for women and children rescued from exploitation',
                null,
                'Shelters received case-management tools, and returnees were offered counselling, schooling and small grants to rebuild their lives.',
                ['gender-violence'],
              ],
              [
                'dialogue',
                'cross-border cooperation between prosecutors in human-trafficking cases',
                null,
                'Prosecutors compared how evidence is shared across borders and agreed on a contact list for urgent mutual legal assistance requests.',
                [],
              ],
            ],
          },
          B: {
            id: 'cybercrime',
            en: 'Build capacity against cybercrime',
            fr: 'Renforcer les capacités contre la cybercriminalité',
            desc: [
              'Skills, laws and cooperation to investigate and prosecute offences committed online.',
              'Compétences, lois et coopération pour enquêter sur les infractions commises en ligne et les poursuivre.',
            ],
            topics: [
              [
                'training',
                'digital forensics for police investigators',
                'la criminalistique numérique pour les enquêteurs de police',
                'Investigators learned to seize and image phones and laptops, preserve the chain of custody and read server logs.',
                [],
              ],
              [
                'dialogue',
                'harmonising laws on online fraud and ransomware',
                null,
                'Legal drafters compared definitions of computer offences and the powers police need to obtain subscriber data.',
                [],
              ],
              [
                'technical_assistance',
                'national computer emergency response teams handling ransomware incidents',
                null,
                'Incident handlers ran simulated attacks on a hospital network and wrote playbooks for coordinating with police.',
                ['digital-economy'],
              ],
              [
                'forum',
                'protecting children from sexual exploitation online',
                null,
                'Platform companies, hotlines and police units discussed faster removal of abuse material and support for child victims.',
                ['gender-violence'],
              ],
            ],
          },
          C: {
            id: 'drugs',
            en: 'Reduce illicit drug production and trafficking',
            fr: 'Réduire la production et le trafic de drogues illicites',
            desc: [
              'Interdiction of drug trafficking and alternative livelihoods for growers.',
              'Interdiction du trafic de drogues et moyens de subsistance de remplacement pour les cultivateurs.',
            ],
            topics: [
              [
                'training',
                'detecting synthetic drug precursors at land border crossings',
                'la détection des précurseurs de drogues de synthèse aux postes frontières terrestres',
                'Customs and police officers used handheld analysers and learned how chemical shipments are disguised.',
                ['customs'],
              ],
              [
                'project',
                'alternative livelihoods for upland farmers who abandon opium poppy',
                null,
                'Farmer groups planted coffee and fruit trees and were linked to buyers, replacing income from poppy cultivation.',
                ['smallholders'],
              ],
              [
                'research',
                'methamphetamine supply routes through the border triangle',
                null,
                'Analysts mapped seizures over five years to show how routes shifted after border checks were tightened.',
                [],
              ],
            ],
          },
          D: {
            id: 'financial-crime',
            en: 'Counter money laundering and illicit financial flows',
            fr: 'Lutter contre le blanchiment d’argent et les flux financiers illicites',
            desc: [
              'Financial intelligence and asset recovery against criminal proceeds.',
              'Renseignement financier et recouvrement des avoirs contre les produits du crime.',
            ],
            topics: [
              [
                'training',
                'financial intelligence analysis of suspicious transaction reports',
                'l’analyse des déclarations d’opérations suspectes par les cellules de renseignement financier',
                'Analysts from financial intelligence units practised linking bank reports to shell companies and nominee accounts.',
                [],
              ],
              [
                'dialogue',
                'tracing and returning stolen assets across jurisdictions',
                null,
                'Central authorities discussed freezing orders, asset-sharing agreements and how to handle requests for cryptocurrency.',
                ['anti-corruption'],
              ],
              [
                'research',
                'casinos and junkets as channels for laundering criminal proceeds',
                null,
                'The study reviewed supervision of cash-intensive gaming businesses and recommended customer due-diligence rules.',
                [],
              ],
            ],
          },
        },
      },
      {
        en: 'Maritime cooperation',
        fr: 'Coopération maritime',
        desc: ['Safe, secure and lawful use of the seas.', 'Utilisation sûre, sécurisée et licite des mers.'],
        orgs: ['demo-coral-sea-centre', 'demo-tanjung-institute'],
        lines: {
          A: {
            id: 'maritime-law',
            en: 'Promote the law of the sea and peaceful settlement of maritime disputes',
            fr: 'Promouvoir le droit de la mer et le règlement pacifique des différends maritimes',
            desc: [
              'Shared understanding of UNCLOS and of peaceful means to resolve disputes at sea.',
              'Compréhension commune de la CNUDM et des moyens pacifiques de régler les différends en mer.',
            ],
            topics: [
              [
                'training',
                'the United Nations Convention on the Law of the Sea for junior diplomats',
                'la Convention des Nations unies sur le droit de la mer pour les jeunes diplomates',
                'Young diplomats studied baselines, exclusive economic zones and the procedures of international tribunals.',
                [],
              ],
              [
                'dialogue',
                'incident-avoidance rules for coast guards operating in shared waters',
                null,
                'Coast guard commanders reviewed communication protocols for unplanned encounters and agreed to exercise them yearly.',
                ['preventive-diplomacy'],
              ],
              [
                'research',
                'state practice on maritime boundary delimitation',
                null,
                'Legal scholars compiled treaties and arbitral awards to show how neighbouring states have drawn their sea boundaries.',
                [],
              ],
              [
                'forum',
                'freedom of navigation and overflight in regional sea lanes',
                null,
                'Officials, naval officers and academics debated how international law applies to busy shipping routes.',
                [],
              ],
            ],
          },
          B: {
            id: 'maritime-safety',
            en: 'Improve maritime safety, search and rescue',
            fr: 'Améliorer la sécurité maritime et la recherche et le sauvetage',
            desc: [
              'Safer shipping and faster rescue of people in distress at sea.',
              'Une navigation plus sûre et un sauvetage plus rapide des personnes en détresse en mer.',
            ],
            topics: [
              [
                'training',
                'coordinating rescue of migrants and fishers in distress at sea',
                'la coordination du sauvetage des migrants et des pêcheurs en détresse en mer',
                'Rescue coordination centres rehearsed handing over cases across their search regions and sharing vessel positions.',
                [],
              ],
              [
                'project',
                'safety equipment and radio beacons for small-scale fishing boats',
                null,
                'Fishing cooperatives received life jackets and distress beacons, and crews learned to use them before the monsoon.',
                ['fisheries'],
              ],
              [
                'technical_assistance',
                'oil spill contingency planning for busy ports',
                null,
                'Port authorities updated their spill response plans and practised deploying booms with shipping companies.',
                ['climate-adaptation'],
              ],
              [
                'dialogue',
                'port state control inspections of substandard ships',
                null,
                'Inspectors compared detention records and agreed to target vessels with repeated safety deficiencies.',
                [],
              ],
            ],
          },
          C: {
            id: 'piracy',
            en: 'Counter piracy and armed robbery against ships',
            fr: 'Lutter contre la piraterie et les vols à main armée contre les navires',
            desc: [
              'Information sharing and patrols against attacks on ships.',
              'Partage d’informations et patrouilles contre les attaques de navires.',
            ],
            topics: [
              [
                'training',
                'boarding and evidence collection after attacks on tankers',
                'l’abordage et la collecte de preuves après des attaques contre des pétroliers',
                'Boarding teams practised securing a vessel, questioning crew and collecting evidence that will stand up in court.',
                [],
              ],
              [
                'project',
                'a shared reporting system for robberies on ships at anchor',
                null,
                'Ship masters and maritime agencies started reporting boardings through one system, so patrols could be sent sooner.',
                [],
              ],
              [
                'research',
                'the prosecution of sea robbers in national courts',
                null,
                'The review found that weak evidence rules let most suspects go free and proposed model legislation.',
                [],
              ],
            ],
          },
          D: {
            id: 'fisheries',
            en: 'Combat illegal, unreported and unregulated fishing',
            fr: 'Lutter contre la pêche illicite, non déclarée et non réglementée',
            desc: [
              'Monitoring, control and surveillance of fishing to protect fish stocks.',
              'Suivi, contrôle et surveillance de la pêche pour protéger les stocks de poissons.',
            ],
            topics: [
              [
                'technical_assistance',
                'satellite vessel monitoring for fisheries inspectors',
                'la surveillance des navires par satellite pour les inspecteurs des pêches',
                'Fisheries agencies learned to read vessel tracking data and spot boats that switch off their transponders.',
                [],
              ],
              [
                'training',
                'catch documentation and landing inspections at fishing ports',
                null,
                'Port inspectors practised checking logbooks against landed catch to stop undeclared fish entering markets.',
                [],
              ],
              [
                'dialogue',
                'regional action against fleets that fish without licences',
                null,
                'Fisheries ministries agreed to share lists of vessels caught poaching and to deny them port services.',
                [],
              ],
            ],
          },
        },
      },
      {
        en: 'Human rights and good governance',
        fr: 'Droits de la personne et bonne gouvernance',
        desc: [
          'Rights-based institutions and accountable public administration.',
          'Institutions fondées sur les droits et administration publique responsable.',
        ],
        orgs: ['demo-bayside-network', 'demo-riverbend-university'],
        lines: {
          A: {
            id: 'human-rights',
            en: 'Strengthen regional human rights mechanisms',
            fr: 'Renforcer les mécanismes régionaux de droits de la personne',
            desc: [
              'Support to regional human rights bodies and national human rights institutions.',
              'Appui aux organes régionaux de droits de la personne et aux institutions nationales.',
            ],
            topics: [
              [
                'technical_assistance',
                'national human rights commissions handling individual complaints',
                'le traitement des plaintes individuelles par les commissions nationales des droits de la personne',
                'Commission staff reviewed their complaint procedures and set deadlines for answering people who report abuses.',
                [],
              ],
              [
                'dialogue',
                'the rights of persons with disabilities in regional instruments',
                null,
                'Disability organisations and government officials discussed how regional commitments translate into accessible services.',
                ['inclusion'],
              ],
              [
                'research',
                'how regional human rights bodies follow up on their thematic studies',
                null,
                'The study reviewed ten years of thematic reports and proposed ways for regional commissioners to track follow-up.',
                [],
              ],
              [
                'forum',
                'business responsibility for human rights in supply chains',
                null,
                'Companies, unions and commissions discussed due diligence on forced labour and land rights in agricultural supply chains.',
                [],
              ],
            ],
          },
          B: {
            id: 'anti-corruption',
            en: 'Promote integrity and fight corruption in the public sector',
            fr: 'Promouvoir l’intégrité et lutter contre la corruption dans le secteur public',
            desc: [
              'Transparent procurement, asset declarations and independent oversight.',
              'Marchés publics transparents, déclarations de patrimoine et contrôle indépendant.',
            ],
            topics: [
              [
                'training',
                'investigating bribery in public procurement',
                'les enquêtes sur les pots-de-vin dans les marchés publics',
                'Anti-graft investigators studied bid-rigging schemes and how to follow payments through subcontractors.',
                [],
              ],
              [
                'project',
                'open contracting portals for municipal tenders',
                null,
                'Three cities published their tenders, bids and contract changes online so citizens could follow how money is spent.',
                [],
              ],
              [
                'research',
                'asset declaration systems for senior officials',
                null,
                'The comparative study looked at who must declare their wealth, how declarations are checked and what sanctions apply.',
                [],
              ],
              [
                'dialogue',
                'protecting whistle-blowers who report misconduct',
                null,
                'Ombudsman offices and audit institutions discussed confidential reporting channels and protection against retaliation.',
                [],
              ],
            ],
          },
          C: {
            id: 'civil-service',
            en: 'Modernise the civil service',
            fr: 'Moderniser la fonction publique',
            desc: [
              'Merit-based recruitment and better public services.',
              'Recrutement au mérite et meilleurs services publics.',
            ],
            topics: [
              [
                'training',
                'merit-based recruitment and performance appraisal for ministries',
                'le recrutement au mérite et l’évaluation du rendement dans les ministères',
                'Human-resource managers designed competency frameworks and fair written examinations for entry-level posts.',
                [],
              ],
              [
                'scholarship',
                'public administration for mid-career officials',
                null,
                'Officials spent a year studying policy analysis, budgeting and public management before returning to their ministries.',
                ['higher-education'],
              ],
              [
                'project',
                'one-stop service counters for citizens’ permits and certificates',
                null,
                'Provincial offices merged counters so residents could obtain birth certificates and business permits in one visit.',
                [],
              ],
            ],
          },
          D: {
            id: 'rule-of-law',
            en: 'Strengthen access to justice and the rule of law',
            fr: 'Renforcer l’accès à la justice et l’état de droit',
            desc: [
              'Fair courts, legal aid and predictable laws.',
              'Tribunaux équitables, aide juridique et lois prévisibles.',
            ],
            topics: [
              [
                'project',
                'legal aid clinics for rural communities',
                'des cliniques d’aide juridique pour les communautés rurales',
                'Law students and paralegals advised villagers on land titles, inheritance and labour disputes.',
                [],
              ],
              [
                'training',
                'case management and court administration for judges',
                null,
                'Judges and court clerks learned to reduce backlogs with scheduling rules and electronic case files.',
                [],
              ],
              [
                'dialogue',
                'judicial independence and the appointment of judges',
                null,
                'Chief justices and bar associations compared how judges are selected, promoted and disciplined.',
                [],
              ],
            ],
          },
        },
      },
      {
        en: 'Peacebuilding and preventive diplomacy',
        fr: 'Consolidation de la paix et diplomatie préventive',
        desc: [
          'Trust, mediation and post-conflict recovery.',
          'Confiance, médiation et relèvement après les conflits.',
        ],
        orgs: ['demo-lantern-centre', 'demo-tanjung-institute'],
        lines: {
          A: {
            id: 'preventive-diplomacy',
            en: 'Develop preventive diplomacy and mediation capacity',
            fr: 'Développer les capacités de diplomatie préventive et de médiation',
            desc: [
              'Early warning, confidence-building and mediation skills.',
              'Alerte précoce, mesures de confiance et compétences de médiation.',
            ],
            topics: [
              [
                'training',
                'mediation skills for diplomats and envoys',
                'les compétences en médiation pour les diplomates et les envoyés',
                'Diplomats practised running talks between parties in conflict, drafting ceasefire texts and handling spoilers.',
                [],
              ],
              [
                'research',
                'early warning indicators of communal violence',
                null,
                'Researchers tested which signals, from hate speech to land disputes, came before past outbreaks of violence.',
                [],
              ],
              [
                'dialogue',
                'confidence-building measures between defence establishments',
                null,
                'Defence officials discussed hotlines, advance notice of exercises and visits to each other’s military colleges.',
                [],
              ],
              [
                'forum',
                'the role of eminent persons in quiet diplomacy',
                null,
                'Former ministers and scholars discussed how informal envoys have helped to defuse tensions in the region.',
                [],
              ],
            ],
          },
          B: {
            id: 'women-peace',
            en: 'Advance women, peace and security',
            fr: 'Faire progresser le programme femmes, paix et sécurité',
            desc: [
              'Women’s participation in peace processes and protection in conflict.',
              'Participation des femmes aux processus de paix et protection dans les conflits.',
            ],
            topics: [
              [
                'training',
                'women negotiators joining peace talks',
                'les négociatrices qui participent aux pourparlers de paix',
                'Women leaders from conflict-affected provinces rehearsed negotiation positions and coalition building.',
                ['women-leadership'],
              ],
              [
                'research',
                'national action plans on women in peace and security',
                null,
                'The review compared how national plans fund women’s participation and measure protection from sexual violence in conflict.',
                [],
              ],
              [
                'dialogue',
                'women in uniform in peacekeeping contingents',
                null,
                'Defence and police officials discussed recruiting more women for peacekeeping and the barriers they face.',
                ['peacekeeping'],
              ],
              [
                'project',
                'community dialogue groups led by women in post-conflict villages',
                null,
                'Women’s groups mediated local disputes over land and water and reported tensions to district officials.',
                [],
              ],
            ],
          },
          C: {
            id: 'demining',
            en: 'Clear landmines and explosive remnants of war',
            fr: 'Déminer et éliminer les restes explosifs de guerre',
            desc: [
              'Clearance, risk education and survivor assistance.',
              'Déminage, éducation aux risques et assistance aux victimes.',
            ],
            topics: [
              [
                'project',
                'clearance of unexploded bombs on farmland',
                'le déblaiement des bombes non explosées sur les terres agricoles',
                'Clearance teams surveyed and released contaminated fields so that families could plant rice again.',
                ['smallholders'],
              ],
              [
                'training',
                'explosive ordnance risk education for schoolchildren',
                null,
                'Teachers learned to teach children how to recognise and report explosive items found near villages.',
                [],
              ],
              [
                'project',
                'rehabilitation and prosthetics for landmine survivors',
                null,
                'Survivors received prosthetic limbs, physiotherapy and vocational training at a regional centre.',
                ['inclusion'],
              ],
            ],
          },
          D: {
            id: 'peacekeeping',
            en: 'Prepare personnel for United Nations peace operations',
            fr: 'Préparer le personnel aux opérations de paix des Nations unies',
            desc: [
              'Pre-deployment training and cooperation between peacekeeping centres.',
              'Formation préalable au déploiement et coopération entre centres de maintien de la paix.',
            ],
            topics: [
              [
                'training',
                'protection of civilians for troops deploying on peace missions',
                'la protection des civils pour les troupes déployées en mission de paix',
                'Company commanders worked through scenarios on patrolling camps for displaced people and responding to attacks.',
                [],
              ],
              [
                'dialogue',
                'a network of regional peacekeeping training centres',
                null,
                'Centre directors agreed to share instructors and curricula and to exchange places on each other’s courses.',
                [],
              ],
              [
                'training',
                'military observers and staff officers for peace operations',
                null,
                'Officers learned to monitor ceasefire lines, write incident reports and work in mission headquarters.',
                [],
              ],
            ],
          },
        },
      },
    ],
  },
  {
    en: 'Economic Cooperation',
    fr: 'Coopération économique',
    desc: [
      'Cooperation for open, integrated and inclusive economies.',
      'Coopération pour des économies ouvertes, intégrées et inclusives.',
    ],
    areas: [
      {
        en: 'Trade and investment',
        fr: 'Commerce et investissement',
        desc: [
          'Easier trade in goods and services and a better climate for investment.',
          'Des échanges de biens et de services facilités et un meilleur climat d’investissement.',
        ],
        orgs: ['demo-meridian-council', 'demo-riverbend-university'],
        lines: {
          A: {
            id: 'customs',
            en: 'Simplify customs procedures and facilitate trade',
            fr: 'Simplifier les procédures douanières et faciliter les échanges',
            desc: [
              'Faster, cheaper and more predictable border clearance of goods.',
              'Un dédouanement des marchandises plus rapide, moins coûteux et plus prévisible.',
            ],
            topics: [
              [
                'technical_assistance',
                'a national single window for import and export declarations',
                'un guichet unique national pour les déclarations d’importation et d’exportation',
                'Customs and permit agencies connected their systems so traders could file one electronic declaration.',
                ['digital-economy'],
              ],
              [
                'training',
                'risk-based selection of shipments for inspection',
                null,
                'Customs officers learned to target high-risk consignments and release the rest without physical checks.',
                [],
              ],
              [
                'research',
                'the time and cost of moving goods across land borders',
                null,
                'The time-release study followed trucks from arrival to release and found where paperwork caused delays.',
                ['transport'],
              ],
              [
                'project',
                'authorised economic operator programmes for trusted exporters',
                null,
                'Customs administrations certified compliant exporters and agreed to recognise each other’s trusted traders.',
                [],
              ],
            ],
          },
          B: {
            id: 'investment',
            en: 'Improve the investment climate and business regulation',
            fr: 'Améliorer le climat d’investissement et la réglementation des entreprises',
            desc: [
              'Predictable rules for investors and simpler business regulation.',
              'Des règles prévisibles pour les investisseurs et une réglementation des entreprises simplifiée.',
            ],
            topics: [
              [
                'dialogue',
                'investor-state dispute prevention and investment treaty reform',
                'la prévention des différends entre investisseurs et États et la réforme des traités d’investissement',
                'Treaty negotiators discussed ombudsman mechanisms that settle investor grievances before they become arbitration claims.',
                [],
              ],
              [
                'technical_assistance',
                'reviewing licences and permits that burden new companies',
                null,
                'Regulators counted every licence needed to open a business and removed or merged those that served no purpose.',
                ['sme'],
              ],
              [
                'research',
                'foreign direct investment in renewable energy',
                null,
                'Analysts reviewed incentives, grid rules and land access for solar and wind investors.',
                ['energy-transition'],
              ],
              [
                'forum',
                'investment promotion agencies and business delegations',
                null,
                'Investment agencies presented sectors open to foreign investors and met companies from the partner country.',
                [],
              ],
            ],
          },
          C: {
            id: 'standards',
            en: 'Align standards and conformity assessment',
            fr: 'Harmoniser les normes et l’évaluation de la conformité',
            desc: [
              'Mutual recognition of standards, testing and certification.',
              'Reconnaissance mutuelle des normes, des essais et de la certification.',
            ],
            topics: [
              [
                'technical_assistance',
                'laboratory accreditation for testing electrical appliances',
                'l’accréditation des laboratoires d’essai des appareils électriques',
                'Testing laboratories prepared for accreditation so that their certificates would be accepted by trading partners.',
                [],
              ],
              [
                'training',
                'food safety inspection and sanitary certificates for exports',
                null,
                'Inspectors learned to audit processing plants and issue certificates importing countries accept.',
                ['food-security'],
              ],
              [
                'dialogue',
                'mutual recognition of professional qualifications for engineers',
                null,
                'Engineering councils compared licensing rules and agreed on a path for registered engineers to work across borders.',
                [],
              ],
            ],
          },
          D: {
            id: 'digital-trade',
            en: 'Support digital trade and paperless commerce',
            fr: 'Soutenir le commerce numérique et le commerce sans papier',
            desc: [
              'Rules and systems for trade conducted electronically.',
              'Règles et systèmes pour le commerce mené par voie électronique.',
            ],
            topics: [
              [
                'technical_assistance',
                'electronic certificates of origin exchanged between customs administrations',
                'l’échange de certificats d’origine électroniques entre administrations douanières',
                'Customs administrations piloted sending certificates of origin as signed data instead of paper forms.',
                ['customs'],
              ],
              [
                'dialogue',
                'cross-border data flows and consumer protection in online shopping',
                null,
                'Trade officials discussed rules on data transfers, online refunds and the liability of marketplaces.',
                [],
              ],
              [
                'research',
                'small online sellers exporting through e-commerce platforms',
                null,
                'The survey asked online sellers about payment fees, returns and the paperwork of shipping parcels abroad.',
                ['sme'],
              ],
            ],
          },
        },
      },
      {
        en: 'Small and medium enterprises',
        fr: 'Petites et moyennes entreprises',
        desc: [
          'Growth, finance and skills for small firms.',
          'Croissance, financement et compétences pour les petites entreprises.',
        ],
        orgs: ['demo-kestrel-chamber', 'demo-orchid-network'],
        lines: {
          A: {
            id: 'sme',
            en: 'Help small and medium enterprises grow and export',
            fr: 'Aider les petites et moyennes entreprises à croître et à exporter',
            desc: [
              'Business development services and market access for small firms.',
              'Services de développement des entreprises et accès aux marchés pour les petites entreprises.',
            ],
            topics: [
              [
                'training',
                'export readiness for family-run food processors',
                'la préparation à l’exportation des entreprises familiales de transformation alimentaire',
                'Owners of small factories learned about labelling, pricing for foreign buyers and trade fair preparation.',
                [],
              ],
              [
                'project',
                'business incubators in secondary cities',
                null,
                'Incubators offered start-ups workspace, mentoring and introductions to local banks.',
                [],
              ],
              [
                'forum',
                'supplier links between small firms and multinational manufacturers',
                null,
                'Buyers from large manufacturers met local suppliers and explained the quality audits they require.',
                [],
              ],
              [
                'research',
                'barriers that keep informal businesses from registering',
                null,
                'Interviews with street vendors and workshop owners showed which fees and procedures discourage registration.',
                [],
              ],
            ],
          },
          B: {
            id: 'finance',
            en: 'Widen access to finance',
            fr: 'Élargir l’accès au financement',
            desc: [
              'Credit, payments and financial services for households and small firms.',
              'Crédit, paiements et services financiers pour les ménages et les petites entreprises.',
            ],
            topics: [
              [
                'technical_assistance',
                'credit guarantee schemes for lending to small firms',
                'les mécanismes de garantie de crédit pour les prêts aux petites entreprises',
                'Guarantee agencies revised pricing and claims rules so that banks would lend to firms without collateral.',
                ['sme'],
              ],
              [
                'training',
                'financial literacy for market traders and farmers',
                null,
                'Trainers taught budgeting, saving and how to compare loan offers in local languages.',
                [],
              ],
              [
                'research',
                'mobile money and remittances in rural households',
                null,
                'The survey measured how families receive money sent home by relatives and what transfers cost them.',
                ['migrant-workers'],
              ],
              [
                'dialogue',
                'regulating microfinance institutions and protecting borrowers',
                null,
                'Supervisors discussed interest rate caps, over-indebtedness and fair debt collection.',
                [],
              ],
            ],
          },
          C: {
            id: 'tourism',
            en: 'Develop sustainable community-based tourism',
            fr: 'Développer un tourisme communautaire durable',
            desc: [
              'Tourism that benefits local communities and protects heritage.',
              'Un tourisme qui profite aux communautés locales et protège le patrimoine.',
            ],
            topics: [
              [
                'project',
                'homestay networks in mountain villages',
                'des réseaux d’hébergement chez l’habitant dans les villages de montagne',
                'Households were trained to host visitors, and a village fund shared the income among families.',
                [],
              ],
              [
                'training',
                'guides interpreting cultural heritage sites for visitors',
                null,
                'Young guides learned the history of temples and old towns and how to protect fragile sites.',
                [],
              ],
              [
                'research',
                'overcrowding at island resorts and its effects on coral reefs',
                null,
                'Researchers counted visitors, tested water quality and proposed limits for the busiest beaches.',
                ['biodiversity'],
              ],
            ],
          },
          D: {
            id: 'women-enterprise',
            en: 'Support women’s entrepreneurship',
            fr: 'Soutenir l’entrepreneuriat des femmes',
            desc: [
              'Finance, networks and skills for businesses owned by women.',
              'Financement, réseaux et compétences pour les entreprises appartenant à des femmes.',
            ],
            topics: [
              [
                'training',
                'digital marketing for women-owned businesses',
                'le marketing numérique pour les entreprises dirigées par des femmes',
                'Women running shops and workshops learned to sell through social media and manage online orders.',
                ['digital-skills'],
              ],
              [
                'project',
                'a loan fund for women running small enterprises',
                null,
                'The revolving fund lent to women without land titles and paired each borrower with a mentor.',
                ['finance'],
              ],
              [
                'forum',
                'women business leaders and trade networks',
                null,
                'Women entrepreneurs met buyers and investors and formed a regional association of women’s chambers.',
                ['women-leadership'],
              ],
            ],
          },
        },
      },
      {
        en: 'Connectivity and infrastructure',
        fr: 'Connectivité et infrastructures',
        desc: [
          'Transport, energy and digital links across the region.',
          'Liaisons de transport, d’énergie et numériques dans la région.',
        ],
        orgs: ['demo-riverbend-university', 'demo-summit-academy'],
        lines: {
          A: {
            id: 'transport',
            en: 'Improve transport links and logistics',
            fr: 'Améliorer les liaisons de transport et la logistique',
            desc: [
              'Roads, railways, ports and logistics services connecting the region.',
              'Routes, voies ferrées, ports et services logistiques reliant la région.',
            ],
            topics: [
              [
                'research',
                'bottlenecks on the north–south freight corridor',
                'les goulets d’étranglement du corridor de fret nord-sud',
                'The study timed trucks and trains along the corridor and ranked the bridges, yards and checkpoints that slow them.',
                [],
              ],
              [
                'technical_assistance',
                'road safety audits of new highways',
                null,
                'Engineers inspected designs for dangerous junctions and proposed barriers, crossings and speed limits.',
                [],
              ],
              [
                'training',
                'cold-chain logistics for perishable exports',
                null,
                'Logistics firms learned to keep fruit and seafood refrigerated from farm to port.',
                ['food-security'],
              ],
              [
                'dialogue',
                'a regional agreement on cross-border trucking permits',
                null,
                'Transport ministries discussed how many trucks may cross, insurance rules and recognition of driving licences.',
                [],
              ],
            ],
          },
          B: {
            id: 'energy-transition',
            en: 'Expand clean energy and efficiency',
            fr: 'Développer l’énergie propre et l’efficacité énergétique',
            desc: [
              'Renewable power, efficient buildings and regional power trade.',
              'Électricité renouvelable, bâtiments efficaces et commerce régional de l’électricité.',
            ],
            topics: [
              [
                'project',
                'solar mini-grids for islands without grid electricity',
                'des mini-réseaux solaires pour les îles non raccordées au réseau',
                'Island communities installed solar panels and batteries and set tariffs to pay for maintenance.',
                [],
              ],
              [
                'training',
                'energy audits of factories and commercial buildings',
                null,
                'Engineers learned to measure power use in factories and recommend efficient motors, lighting and cooling.',
                [],
              ],
              [
                'research',
                'cross-border power trade and grid interconnection',
                null,
                'Analysts modelled how linking national grids could carry hydropower and solar power between countries.',
                [],
              ],
              [
                'dialogue',
                'phasing out coal power and a just transition for workers',
                null,
                'Energy planners, unions and lenders discussed retiring old coal plants and retraining their workers.',
                ['climate-adaptation'],
              ],
            ],
          },
          C: {
            id: 'broadband',
            en: 'Extend broadband and telecommunications',
            fr: 'Étendre le haut débit et les télécommunications',
            desc: [
              'Affordable internet access in underserved areas.',
              'Un accès abordable à Internet dans les zones mal desservies.',
            ],
            topics: [
              [
                'technical_assistance',
                'spectrum auctions and rural network coverage obligations',
                'les enchères de fréquences et les obligations de couverture rurale',
                'Telecommunications regulators designed auctions that require operators to cover remote districts.',
                [],
              ],
              [
                'project',
                'internet access points in rural schools and libraries',
                null,
                'Schools and libraries in remote districts were connected and staff were trained to run the access points.',
                ['digital-skills'],
              ],
              [
                'research',
                'the price of mobile data for low-income households',
                null,
                'The survey compared data prices with household incomes and found where prices keep people offline.',
                [],
              ],
            ],
          },
          D: {
            id: 'digital-economy',
            en: 'Build a secure and inclusive digital economy',
            fr: 'Bâtir une économie numérique sûre et inclusive',
            desc: [
              'Digital public services, data protection and cyber security for the economy.',
              'Services publics numériques, protection des données et cybersécurité pour l’économie.',
            ],
            topics: [
              [
                'technical_assistance',
                'personal data protection laws and data protection authorities',
                'les lois sur la protection des données personnelles et les autorités de protection des données',
                'New data protection authorities drafted their first guidance on consent, breaches and transfers abroad.',
                [],
              ],
              [
                'project',
                'digital identity and online government services',
                null,
                'Citizens could apply for licences and benefits online after the agencies linked their systems to a digital identity.',
                [],
              ],
              [
                'dialogue',
                'interoperable digital payments between neighbouring countries',
                null,
                'Central banks discussed linking their instant payment systems so that people can pay with QR codes across borders.',
                ['finance'],
              ],
            ],
          },
        },
      },
      {
        en: 'Agriculture and food security',
        fr: 'Agriculture et sécurité alimentaire',
        desc: [
          'Productive farms, resilient food systems and sustainable fisheries.',
          'Des exploitations productives, des systèmes alimentaires résilients et des pêches durables.',
        ],
        orgs: ['demo-harvest-institute', 'demo-greenleaf-trust'],
        lines: {
          A: {
            id: 'smallholders',
            en: 'Raise smallholder farmers’ productivity and incomes',
            fr: 'Accroître la productivité et les revenus des petits exploitants',
            desc: [
              'Better seeds, practices and markets for family farms.',
              'De meilleures semences, pratiques et débouchés pour les exploitations familiales.',
            ],
            topics: [
              [
                'project',
                'drought-tolerant rice varieties for rain-fed paddies',
                'des variétés de riz tolérantes à la sécheresse pour les rizières pluviales',
                'Farmers tested new rice varieties on demonstration plots and seed groups multiplied the best performers.',
                ['climate-adaptation'],
              ],
              [
                'training',
                'farmer field schools on integrated pest management',
                null,
                'Farmers met weekly in their fields to identify pests and their natural enemies and to cut pesticide use.',
                [],
              ],
              [
                'research',
                'the price farmers receive along the cassava value chain',
                null,
                'Researchers followed cassava from the farm gate to starch factories and showed where margins are taken.',
                [],
              ],
              [
                'project',
                'farmer cooperatives selling vegetables to supermarkets',
                null,
                'Cooperatives built packing sheds and signed supply contracts with supermarket chains.',
                ['sme'],
              ],
            ],
          },
          B: {
            id: 'food-security',
            en: 'Strengthen food security and food safety',
            fr: 'Renforcer la sécurité alimentaire et la sécurité sanitaire des aliments',
            desc: [
              'Emergency food reserves, nutrition and safe food from farm to table.',
              'Réserves alimentaires d’urgence, nutrition et aliments sûrs de la ferme à la table.',
            ],
            topics: [
              [
                'dialogue',
                'emergency rice reserves and their release during crises',
                'les réserves d’urgence de riz et leur mobilisation en temps de crise',
                'Agriculture ministries reviewed how stocks are released after floods and how to speed up deliveries.',
                ['disaster-response'],
              ],
              [
                'research',
                'child stunting and household diets in upland districts',
                null,
                'Nutritionists measured children’s growth and recorded what families eat across the seasons.',
                ['primary-health'],
              ],
              [
                'training',
                'controlling aflatoxin in stored maize and groundnuts',
                null,
                'Traders and farmers learned to dry and store grain so that toxic moulds do not develop.',
                [],
              ],
              [
                'technical_assistance',
                'market information systems that track food prices',
                null,
                'Statistics offices set up weekly price collection in markets to warn of sudden food price rises.',
                [],
              ],
            ],
          },
          C: {
            id: 'livestock',
            en: 'Control animal diseases and improve livestock',
            fr: 'Maîtriser les maladies animales et améliorer l’élevage',
            desc: ['Veterinary services and safer livestock production.', 'Services vétérinaires et élevage plus sûr.'],
            topics: [
              [
                'training',
                'veterinary surveillance of foot-and-mouth disease',
                'la surveillance vétérinaire de la fièvre aphteuse',
                'Veterinarians learned to investigate outbreaks in cattle and to control animal movements across borders.',
                [],
              ],
              [
                'project',
                'village vaccination of poultry against Newcastle disease',
                null,
                'Village animal health workers vaccinated backyard chickens, cutting losses for poor households.',
                [],
              ],
              [
                'research',
                'antibiotic use in pig and poultry farms',
                null,
                'The study measured antibiotic use on farms and proposed rules to keep medicines effective.',
                ['pandemic-preparedness'],
              ],
            ],
          },
          D: {
            id: 'sustainable-fisheries',
            en: 'Promote sustainable aquaculture and coastal livelihoods',
            fr: 'Promouvoir une aquaculture durable et les moyens de subsistance côtiers',
            desc: [
              'Fish farming and coastal incomes that protect marine resources.',
              'Pisciculture et revenus côtiers qui protègent les ressources marines.',
            ],
            topics: [
              [
                'project',
                'seaweed and shellfish farming for coastal households',
                'la culture d’algues et de coquillages pour les ménages côtiers',
                'Families in fishing villages started seaweed and mussel farms to earn income outside the fishing season.',
                [],
              ],
              [
                'training',
                'disease prevention in shrimp ponds',
                null,
                'Shrimp farmers learned biosecurity practices to prevent outbreaks that wipe out harvests.',
                [],
              ],
              [
                'research',
                'mangrove loss caused by fish and shrimp ponds',
                null,
                'Satellite images showed where ponds replaced mangroves, and the study proposed areas for replanting.',
                ['biodiversity'],
              ],
            ],
          },
        },
      },
    ],
  },
  {
    en: 'Socio-Cultural Cooperation',
    fr: 'Coopération socioculturelle',
    desc: [
      'Cooperation for people: learning, health, resilience and inclusion.',
      'Coopération au service des personnes : apprentissage, santé, résilience et inclusion.',
    ],
    areas: [
      {
        en: 'Education and skills',
        fr: 'Éducation et compétences',
        desc: [
          'Learning from school to university and skills for work.',
          'L’apprentissage de l’école à l’université et les compétences pour le travail.',
        ],
        orgs: ['demo-northgate-foundation', 'demo-riverbend-university', 'demo-summit-academy'],
        lines: {
          A: {
            id: 'higher-education',
            en: 'Expand scholarships and university cooperation',
            fr: 'Développer les bourses et la coopération universitaire',
            desc: [
              'Study abroad, academic exchanges and joint research.',
              'Études à l’étranger, échanges universitaires et recherche commune.',
            ],
            topics: [
              [
                'scholarship',
                'master’s degrees in engineering and public policy',
                'des maîtrises en ingénierie et en politiques publiques',
                'Graduates from across the region were selected on merit for two-year master’s programmes at partner universities.',
                [],
              ],
              [
                'project',
                'joint doctoral supervision between regional universities',
                null,
                'Universities paired supervisors so that doctoral students could spend a year in a second laboratory.',
                [],
              ],
              [
                'scholarship',
                'short research stays for early-career scientists',
                null,
                'Young researchers spent three to six months in partner laboratories and published their results jointly.',
                [],
              ],
              [
                'forum',
                'university leaders and quality assurance agencies',
                null,
                'Rectors and accreditation agencies discussed recognising each other’s degrees and credit transfer.',
                [],
              ],
            ],
          },
          B: {
            id: 'vocational',
            en: 'Improve technical and vocational training',
            fr: 'Améliorer la formation technique et professionnelle',
            desc: [
              'Training that matches what employers need.',
              'Une formation qui répond aux besoins des employeurs.',
            ],
            topics: [
              [
                'project',
                'apprenticeships in automotive repair workshops',
                'l’apprentissage dans les ateliers de réparation automobile',
                'Young people alternated between classes and paid work in garages, and employers helped write the curriculum.',
                [],
              ],
              [
                'training',
                'teachers at polytechnic colleges updating their trade skills',
                null,
                'Instructors spent time in factories learning the machines and methods their students will meet at work.',
                [],
              ],
              [
                'research',
                'skills that employers cannot find among school leavers',
                null,
                'Employer surveys showed shortages of welders, electricians and maintenance technicians.',
                [],
              ],
              [
                'dialogue',
                'recognising skills certificates across borders',
                null,
                'Training authorities compared qualification frameworks so that certified workers can move between countries.',
                ['migrant-workers'],
              ],
            ],
          },
          C: {
            id: 'basic-education',
            en: 'Improve the quality of basic education',
            fr: 'Améliorer la qualité de l’éducation de base',
            desc: [
              'Reading, mathematics and teaching quality in primary and secondary school.',
              'Lecture, mathématiques et qualité de l’enseignement au primaire et au secondaire.',
            ],
            topics: [
              [
                'project',
                'early-grade reading in children’s mother tongues',
                'la lecture dans les petites classes dans la langue maternelle des enfants',
                'Schools received storybooks in local languages, and teachers learned to teach reading in the first three grades.',
                [],
              ],
              [
                'training',
                'teaching mathematics through problem solving',
                null,
                'Lower-secondary teachers practised lessons built around problems from daily life.',
                [],
              ],
              [
                'research',
                'learning losses after school closures',
                null,
                'Assessments of pupils’ reading and arithmetic showed how far they had fallen behind and who needed catch-up classes.',
                [],
              ],
            ],
          },
          D: {
            id: 'digital-skills',
            en: 'Build digital skills for the future of work',
            fr: 'Développer les compétences numériques pour l’avenir du travail',
            desc: [
              'Digital literacy, coding and data skills for young people and workers.',
              'Culture numérique, programmation et compétences en données pour les jeunes et les travailleurs.',
            ],
            topics: [
              [
                'training',
                'coding bootcamps for unemployed graduates',
                'des camps intensifs de programmation pour les diplômés sans emploi',
                'Graduates without jobs spent twelve weeks learning web development and met employers at a final showcase.',
                [],
              ],
              [
                'project',
                'data analysis courses for government statisticians',
                null,
                'Statisticians learned open-source tools to clean, analyse and publish survey data.',
                [],
              ],
              [
                'forum',
                'young people, artificial intelligence and the jobs of tomorrow',
                null,
                'Students, companies and ministries discussed which jobs automation will change and what schools should teach.',
                [],
              ],
            ],
          },
        },
      },
      {
        en: 'Health',
        fr: 'Santé',
        desc: ['Health security and health services for all.', 'Sécurité sanitaire et services de santé pour tous.'],
        orgs: ['demo-halcyon-institute', 'demo-riverbend-university'],
        lines: {
          A: {
            id: 'pandemic-preparedness',
            en: 'Prepare for pandemics and emerging infectious diseases',
            fr: 'Se préparer aux pandémies et aux maladies infectieuses émergentes',
            desc: [
              'Surveillance, laboratories and response to outbreaks.',
              'Surveillance, laboratoires et riposte aux épidémies.',
            ],
            topics: [
              [
                'training',
                'field epidemiology for outbreak investigation',
                'l’épidémiologie de terrain pour les enquêtes sur les flambées',
                'Public-health officers learned to trace contacts, collect samples and write outbreak reports.',
                [],
              ],
              [
                'project',
                'laboratory networks that confirm new viruses quickly',
                null,
                'Reference laboratories shared reagents, protocols and sequencing data to confirm new viruses within days.',
                [],
              ],
              [
                'dialogue',
                'sharing stockpiles of vaccines and protective equipment',
                null,
                'Health ministries discussed a regional stockpile and how supplies would be released during an epidemic.',
                [],
              ],
              [
                'research',
                'animal-to-human spillover at wildlife markets',
                null,
                'Researchers sampled animals and traders at markets to understand how diseases jump to people.',
                ['livestock'],
              ],
            ],
          },
          B: {
            id: 'primary-health',
            en: 'Strengthen primary health care and maternal and child health',
            fr: 'Renforcer les soins de santé primaires et la santé maternelle et infantile',
            desc: [
              'Community health services, safe births and child health.',
              'Services de santé communautaires, accouchements sûrs et santé des enfants.',
            ],
            topics: [
              [
                'training',
                'midwives handling emergencies during childbirth',
                'la prise en charge des urgences obstétricales par les sages-femmes',
                'Midwives practised managing heavy bleeding and newborn resuscitation on simulators.',
                [],
              ],
              [
                'project',
                'village health volunteers screening for high blood pressure and diabetes',
                null,
                'Volunteers checked adults for hypertension and diabetes and referred them to health centres.',
                [],
              ],
              [
                'research',
                'out-of-pocket health spending by poor households',
                null,
                'Household surveys measured what families pay for care and how often it pushes them into debt.',
                [],
              ],
              [
                'technical_assistance',
                'childhood immunisation records and reminder systems',
                null,
                'Health centres moved vaccination registers to tablets and sent reminders to parents.',
                [],
              ],
            ],
          },
          C: {
            id: 'tobacco',
            en: 'Reduce non-communicable diseases and their risk factors',
            fr: 'Réduire les maladies non transmissibles et leurs facteurs de risque',
            desc: [
              'Tobacco control, healthy diets and physical activity.',
              'Lutte antitabac, alimentation saine et activité physique.',
            ],
            topics: [
              [
                'dialogue',
                'tobacco taxes and plain packaging',
                'les taxes sur le tabac et l’emballage neutre',
                'Finance and health officials discussed raising excise on cigarettes and removing brand designs from packs.',
                [],
              ],
              [
                'research',
                'salt and sugar in packaged foods',
                null,
                'Researchers tested packaged foods sold in supermarkets and compared labels with what the products contain.',
                [],
              ],
              [
                'project',
                'school programmes on physical activity and healthy eating',
                null,
                'Schools added daily exercise and replaced sugary drinks in canteens.',
                ['basic-education'],
              ],
            ],
          },
          D: {
            id: 'mental-health',
            en: 'Improve mental health and psychosocial support',
            fr: 'Améliorer la santé mentale et le soutien psychosocial',
            desc: [
              'Community mental health services and support after crises.',
              'Services communautaires de santé mentale et soutien après les crises.',
            ],
            topics: [
              [
                'training',
                'psychological first aid for teachers and volunteers',
                'les premiers secours psychologiques pour les enseignants et les bénévoles',
                'Teachers and volunteers learned to recognise distress and support people after traumatic events.',
                ['disaster-response'],
              ],
              [
                'project',
                'community counselling for young people with depression',
                null,
                'Trained counsellors in youth centres offered free sessions and a telephone line.',
                [],
              ],
              [
                'research',
                'the mental health of migrant workers far from home',
                null,
                'Interviews with workers in factories and on farms measured stress, isolation and access to help.',
                ['migrant-workers'],
              ],
            ],
          },
        },
      },
      {
        en: 'Disaster management and climate change',
        fr: 'Gestion des catastrophes et changements climatiques',
        desc: [
          'Preparedness, response and adaptation to a changing climate.',
          'Préparation, intervention et adaptation à un climat qui change.',
        ],
        orgs: ['demo-asterion-network', 'demo-greenleaf-trust'],
        lines: {
          A: {
            id: 'disaster-response',
            en: 'Improve disaster preparedness and emergency response',
            fr: 'Améliorer la préparation aux catastrophes et les interventions d’urgence',
            desc: [
              'Early warning, joint response and relief for disaster-hit communities.',
              'Alerte précoce, intervention commune et secours aux communautés sinistrées.',
            ],
            topics: [
              [
                'training',
                'urban search and rescue teams after earthquakes',
                'les équipes de recherche et de sauvetage en milieu urbain après les séismes',
                'Rescue teams practised searching collapsed buildings and working alongside teams from other countries.',
                [],
              ],
              [
                'project',
                'flood early warning sirens and text alerts for river towns',
                null,
                'River gauges were linked to sirens and phone alerts so residents had hours to move to higher ground.',
                ['climate-adaptation'],
              ],
              [
                'dialogue',
                'deploying relief teams and supplies across borders',
                null,
                'Disaster agencies agreed on customs and visa arrangements for rescue teams and relief cargo.',
                [],
              ],
              [
                'technical_assistance',
                'evacuation centre management and relief distribution',
                null,
                'Local officials learned to register evacuees, distribute food fairly and keep shelters safe for women and children.',
                [],
              ],
            ],
          },
          B: {
            id: 'climate-adaptation',
            en: 'Adapt to climate change and reduce emissions',
            fr: 'S’adapter aux changements climatiques et réduire les émissions',
            desc: [
              'Adaptation planning, climate finance and low-emission development.',
              'Planification de l’adaptation, financement climatique et développement sobre en carbone.',
            ],
            topics: [
              [
                'research',
                'sea-level rise and saltwater intrusion in river deltas',
                'l’élévation du niveau de la mer et l’intrusion saline dans les deltas',
                'Hydrologists modelled how rising seas push salt water into rice fields and wells.',
                ['smallholders'],
              ],
              [
                'technical_assistance',
                'national adaptation plans and access to climate finance',
                null,
                'Environment ministries prepared adaptation project proposals for international climate funds.',
                [],
              ],
              [
                'training',
                'greenhouse gas inventories for environment ministries',
                null,
                'Officials learned to estimate emissions from energy, farming and land use for their national reports.',
                [],
              ],
              [
                'project',
                'cooling city streets with trees and reflective roofs',
                null,
                'Two cities planted shade trees and painted roofs white to lower summer temperatures in poor neighbourhoods.',
                [],
              ],
            ],
          },
          C: {
            id: 'haze',
            en: 'Prevent forest fires and transboundary haze',
            fr: 'Prévenir les feux de forêt et la brume sèche transfrontière',
            desc: [
              'Fire prevention, peatland management and air quality.',
              'Prévention des incendies, gestion des tourbières et qualité de l’air.',
            ],
            topics: [
              [
                'project',
                'rewetting drained peatlands to stop fires',
                'la réhumidification des tourbières drainées pour arrêter les incendies',
                'Communities blocked drainage canals so that peat stays wet and does not burn in the dry season.',
                ['biodiversity'],
              ],
              [
                'training',
                'village fire brigades and hotspot monitoring',
                null,
                'Volunteer fire brigades learned to read satellite hotspot alerts and put out fires before they spread.',
                [],
              ],
              [
                'dialogue',
                'smoke from agricultural burning that crosses borders',
                null,
                'Environment agencies shared air-quality data and discussed alternatives to burning crop residue.',
                [],
              ],
            ],
          },
          D: {
            id: 'biodiversity',
            en: 'Protect biodiversity and ecosystems',
            fr: 'Protéger la biodiversité et les écosystèmes',
            desc: [
              'Protected areas, wildlife and healthy coasts, forests and rivers.',
              'Aires protégées, faune sauvage et côtes, forêts et rivières en bonne santé.',
            ],
            topics: [
              [
                'project',
                'community rangers in marine protected areas',
                'des gardes communautaires dans les aires marines protégées',
                'Fishing villages patrolled their reefs, recorded fish counts and enforced no-take zones.',
                [],
              ],
              [
                'training',
                'detecting wildlife trafficking at airports',
                null,
                'Airport customs and police learned to recognise smuggled pangolin scales, ivory and live birds.',
                [],
              ],
              [
                'research',
                'mangrove restoration and the carbon it stores',
                null,
                'Scientists measured carbon in replanted mangroves and compared survival of different species.',
                ['climate-adaptation'],
              ],
            ],
          },
        },
      },
      {
        en: 'Gender equality and social inclusion',
        fr: 'Égalité des genres et inclusion sociale',
        desc: [
          'Equal rights and opportunities for women, migrants and vulnerable groups.',
          'Égalité des droits et des chances pour les femmes, les migrants et les groupes vulnérables.',
        ],
        orgs: ['demo-orchid-network', 'demo-bayside-network'],
        lines: {
          A: {
            id: 'gender-violence',
            en: 'End violence against women and children',
            fr: 'Mettre fin à la violence à l’égard des femmes et des enfants',
            desc: [
              'Prevention, services and justice for survivors of violence.',
              'Prévention, services et justice pour les survivantes et survivants de violence.',
            ],
            topics: [
              [
                'training',
                'police and prosecutors handling domestic violence cases',
                'le traitement des affaires de violence familiale par la police et les procureurs',
                'Officers learned to take statements from survivors without blame, issue protection orders and collect evidence.',
                [],
              ],
              [
                'project',
                'one-stop crisis centres in district hospitals',
                null,
                'Hospitals opened rooms where survivors receive medical care, counselling and legal advice in one place.',
                ['primary-health'],
              ],
              [
                'research',
                'child marriage in remote provinces',
                null,
                'Researchers interviewed girls, parents and religious leaders about why girls marry early and what keeps them in school.',
                [],
              ],
              [
                'forum',
                'men and boys speaking out against gender-based violence',
                null,
                'Youth groups, sports clubs and religious leaders shared campaigns that challenge harmful ideas of masculinity.',
                [],
              ],
            ],
          },
          B: {
            id: 'migrant-workers',
            en: 'Protect the rights of migrant workers',
            fr: 'Protéger les droits des travailleurs migrants',
            desc: [
              'Fair recruitment, decent work and support for workers abroad and on return.',
              'Recrutement équitable, travail décent et soutien aux travailleurs à l’étranger et au retour.',
            ],
            topics: [
              [
                'project',
                'resource centres advising workers before they leave for jobs abroad',
                'des centres d’information qui conseillent les travailleurs avant leur départ à l’étranger',
                'Prospective workers learned about contracts, fees and their rights, and could check whether a recruiter is licensed.',
                [],
              ],
              [
                'dialogue',
                'fair recruitment and the ban on fees charged to workers',
                null,
                'Labour ministries and recruiters discussed making employers, not workers, pay the cost of recruitment.',
                [],
              ],
              [
                'technical_assistance',
                'labour attachés assisting nationals in destination countries',
                null,
                'Embassy labour officers learned to handle wage claims, run shelters and help workers change employers.',
                [],
              ],
              [
                'research',
                'the social protection of workers who move between countries',
                null,
                'The study reviewed whether pensions and health insurance follow workers when they change country.',
                [],
              ],
            ],
          },
          C: {
            id: 'inclusion',
            en: 'Include persons with disabilities and older persons',
            fr: 'Inclure les personnes handicapées et les personnes âgées',
            desc: [
              'Accessible services, social protection and participation.',
              'Services accessibles, protection sociale et participation.',
            ],
            topics: [
              [
                'project',
                'accessible public transport for wheelchair users',
                'des transports publics accessibles aux personnes en fauteuil roulant',
                'Bus operators added ramps and audio announcements after audits led by disability groups.',
                [],
              ],
              [
                'research',
                'care for older people as populations age',
                null,
                'The study projected how many older people will need care and compared home-care and pension schemes.',
                [],
              ],
              [
                'training',
                'sign language interpreters for courts and hospitals',
                null,
                'Interpreters were trained and certified so that deaf people can follow hearings and medical consultations.',
                [],
              ],
            ],
          },
          D: {
            id: 'women-leadership',
            en: 'Increase women’s leadership in public and economic life',
            fr: 'Accroître le leadership des femmes dans la vie publique et économique',
            desc: [
              'Women in politics, public service and corporate leadership.',
              'Les femmes en politique, dans la fonction publique et à la direction des entreprises.',
            ],
            topics: [
              [
                'training',
                'women candidates running for local councils',
                'les candidates aux élections municipales',
                'Women planning to stand in local elections learned campaigning, public speaking and budget oversight.',
                [],
              ],
              [
                'research',
                'women on company boards and in senior management',
                null,
                'The survey of listed companies counted women directors and asked what holds back promotions.',
                [],
              ],
              [
                'scholarship',
                'leadership fellowships for women in the civil service',
                null,
                'Senior women officials followed a year-long programme of courses, mentoring and placements in ministries abroad.',
                [],
              ],
            ],
          },
        },
      },
    ],
  },
];

// --- Composition -----------------------------------------------------------------------------

/** A small deterministic generator (mulberry32) seeded from a string, so each activity draws the same values every run. */
function rng(seedText) {
  let h = 2166136261;
  for (const ch of seedText) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, list) => list[Math.floor(r() * list.length)];
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

const TITLES = {
  training: [
    ['Regional training course on {x}', 'Cours régional de formation sur {x}'],
    ['Workshop series on {x}', 'Série d’ateliers sur {x}'],
    ['Training of trainers on {x}', 'Formation de formateurs sur {x}'],
  ],
  dialogue: [
    ['Policy dialogue on {x}', 'Dialogue politique sur {x}'],
    ['Expert roundtable on {x}', 'Table ronde d’experts sur {x}'],
    ['Senior officials’ consultations on {x}', 'Consultations de hauts fonctionnaires sur {x}'],
  ],
  research: [
    ['Study on {x}', 'Étude sur {x}'],
    ['Regional assessment of {x}', 'Évaluation régionale sur {x}'],
    ['Research project on {x}', 'Projet de recherche sur {x}'],
  ],
  scholarship: [
    ['Scholarship programme: {x}', `Programme de bourses${NBSP}: {x}`],
    ['Fellowships: {x}', `Bourses de perfectionnement${NBSP}: {x}`],
  ],
  project: [
    ['Support for {x}', 'Appui à {x}'],
    ['Pilot project: {x}', `Projet pilote${NBSP}: {x}`],
    ['Programme on {x}', 'Programme sur {x}'],
  ],
  forum: [
    ['Regional forum on {x}', 'Forum régional sur {x}'],
    ['Annual conference on {x}', 'Conférence annuelle sur {x}'],
  ],
  technical_assistance: [
    ['Technical assistance on {x}', 'Assistance technique sur {x}'],
    ['Advisory support for {x}', 'Services-conseils sur {x}'],
  ],
};

const OPENINGS = {
  training: 'Over several sessions, participants from government agencies and partner organisations were trained on',
  dialogue: 'Officials and experts met to compare national approaches to',
  research: 'A team of regional researchers examined',
  scholarship: 'The programme funded study and placements in',
  project: 'The project worked on the ground on',
  forum: 'The forum brought together governments, practitioners and civil society to discuss',
  technical_assistance: 'Advisers worked alongside national counterparts on',
};

const OPENINGS_FR = {
  training: 'Formation d’agents publics et d’organisations partenaires sur',
  dialogue: 'Rencontre de responsables et d’experts sur',
  research: 'Recherche menée par une équipe régionale sur',
  scholarship: 'Bourses d’études et stages sur',
  project: 'Projet de terrain sur',
  forum: 'Forum réunissant gouvernements, praticiens et société civile sur',
  technical_assistance: 'Conseillers travaillant avec leurs homologues nationaux sur',
};

/** French contractions after « à »: à le → au, à les → aux. */
const contractFr = (s) => s.replace(/ à le /g, ' au ').replace(/ à les /g, ' aux ');

const COUNTRY_NAMES = {
  BN: 'Brunei Darussalam',
  KH: 'Cambodia',
  ID: 'Indonesia',
  LA: 'Lao PDR',
  MY: 'Malaysia',
  MM: 'Myanmar',
  PH: 'the Philippines',
  SG: 'Singapore',
  TH: 'Thailand',
  VN: 'Viet Nam',
  TL: 'Timor-Leste',
};
const COUNTRIES = Object.keys(COUNTRY_NAMES);
const CURRENCIES = [
  ['USD', 1],
  ['EUR', 1],
  ['SGD', 1.4],
  ['THB', 35],
];
const DURATION_MONTHS = {
  training: [1, 6],
  dialogue: [0, 0],
  research: [8, 18],
  scholarship: [18, 30],
  project: [24, 48],
  forum: [0, 0],
  technical_assistance: [6, 24],
};
const BASE_AMOUNT = {
  training: 120_000,
  dialogue: 40_000,
  research: 180_000,
  scholarship: 600_000,
  project: 1_500_000,
  forum: 60_000,
  technical_assistance: 350_000,
};
const NOW = '2026-11';

function ym(year, month) {
  return `${year}-${String(month).padStart(2, '0')}`;
}
function addMonths(year, month, n) {
  const m = month - 1 + n;
  return [year + Math.floor(m / 12), (m % 12) + 1];
}
function listCountries(codes) {
  const names = codes.map((c) => COUNTRY_NAMES[c]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function buildFramework() {
  const byPlan = new Map(PLANS.map((p) => [p.n, []]));
  /** line id → plan number → code */
  const codes = new Map();
  /** line id → { line, area, plans } */
  const lines = new Map();
  PILLARS.forEach((pillar, pi) => {
    const pillarCode = String(pi + 1);
    const pillarNodes = new Map();
    for (const plan of PLANS) {
      const node = {
        code: pillarCode,
        kind: 'pillar',
        title: { en: pillar.en, fr: pillar.fr },
        description: { en: pillar.desc[0], fr: pillar.desc[1] },
        children: [],
      };
      byPlan.get(plan.n).push(node);
      pillarNodes.set(plan.n, node);
    }
    pillar.areas.forEach((area, ai) => {
      const areaCode = `${pillarCode}.${ai + 1}`;
      for (const plan of PLANS) {
        const areaNode = {
          code: areaCode,
          kind: 'area',
          title: { en: area.en, fr: area.fr },
          description: { en: area.desc[0], fr: area.desc[1] },
          children: [],
        };
        pillarNodes.get(plan.n).children.push(areaNode);
        const slots = plan.n === 1 ? ['A', 'B', 'C'] : ['A', 'B', 'D'];
        slots.forEach((slot, li) => {
          const line = area.lines[slot];
          const code = `${areaCode}.${li + 1}`;
          areaNode.children.push({
            code,
            kind: 'action_line',
            title: { en: line.en, fr: line.fr },
            description: { en: line.desc[0], fr: line.desc[1] },
          });
          if (!codes.has(line.id)) codes.set(line.id, new Map());
          codes.get(line.id).set(plan.n, code);
          if (!lines.has(line.id)) lines.set(line.id, { line, slot, area });
        });
      }
    });
  });
  return { byPlan, codes, lines };
}

function buildActivities(codes, lines) {
  const activities = [];
  const titles = new Set();
  let counter = 0;
  for (const [id, { line, slot, area }] of lines) {
    line.topics.forEach(([type, x, xFr, detail, also], ti) => {
      counter += 1;
      const planN = slot === 'C' ? 1 : slot === 'D' ? 2 : ti % 2 === 0 ? 1 : 2;
      const plan = PLANS.find((p) => p.n === planN);
      const r = rng(`${id}:${ti}`);
      const [titleEn, titleFr] = TITLES[type][(counter + ti) % TITLES[type].length];
      const title = { en: cap(titleEn.replace('{x}', x)) };
      if (xFr) title.fr = cap(contractFr(titleFr.replace('{x}', xFr)));
      if (titles.has(title.en)) throw new Error(`Duplicate title: ${title.en}`);
      titles.add(title.en);

      // Dates inside the plan's period; events last a month at most.
      const year = plan.start + Math.floor(r() * (plan.end - plan.start + 1));
      const month = 1 + Math.floor(r() * 12);
      const [minM, maxM] = DURATION_MONTHS[type];
      const months = minM + Math.floor(r() * (maxM - minM + 1));
      const [endYear, endMonth] = addMonths(year, month, months);
      const start = ym(year, month);
      const end = ym(endYear, endMonth);
      const cancelled = counter % 29 === 0;
      const status = cancelled ? 'cancelled' : start > NOW ? 'planned' : end >= NOW ? 'ongoing' : 'completed';
      const dates =
        status === 'planned' || status === 'cancelled'
          ? { plannedStart: start, ...(months > 0 ? { plannedEnd: end } : {}) }
          : status === 'ongoing'
            ? { actualStart: start, plannedEnd: end }
            : { actualStart: start, actualEnd: months > 0 ? end : start };

      // Countries: a regional activity or one to three member states.
      const regional = r() < 0.35;
      const countries = [];
      if (!regional) {
        const n = 1 + Math.floor(r() * 3);
        while (countries.length < n) {
          const c = pick(r, COUNTRIES);
          if (!countries.includes(c)) countries.push(c);
        }
        countries.sort();
      }

      // Participants: a funder, an implementer from the area, and sometimes a partner.
      const funder =
        r() < 0.2
          ? 'demo-development-fund'
          : type === 'dialogue' || type === 'forum'
            ? 'demo-partner-ministry'
            : 'demo-partner-agency';
      const implementer = area.orgs[(ti + counter) % area.orgs.length];
      const participants = [
        { organisation: funder, role: 'funder' },
        { organisation: implementer, role: 'implementer' },
      ];
      if (r() < 0.5) participants.push({ organisation: 'demo-coordination-office', role: 'partner' });

      // Funding in one currency; larger activities also report a disbursement.
      const funding = [];
      if (r() < 0.9) {
        const [currency, perUsd] = CURRENCIES[(counter * 7 + ti) % CURRENCIES.length];
        const usd = BASE_AMOUNT[type] * (0.5 + r());
        const amount = Math.round((usd * perUsd) / 1000) * 1000;
        funding.push({
          amount: String(amount),
          currency,
          type: 'commitment',
          date: String(year),
          provider: funder,
          recipient: implementer,
        });
        if (status === 'completed' && amount >= 100_000 && r() < 0.6) {
          const spent = Math.round((amount * (0.7 + r() * 0.3)) / 1000) * 1000;
          funding.push({
            amount: String(spent),
            currency,
            type: 'disbursement',
            date: String(endYear),
            provider: funder,
            recipient: implementer,
          });
        }
      }

      const where = regional ? ' across the region' : ` in ${listCountries(countries)}`;
      const description = { en: `${OPENINGS[type]} ${x}${where}. ${detail}` };
      const links = [{ plan: plan.key, node: codes.get(id).get(planN), confidence: 'verified' }];
      for (const other of also) {
        const code = codes.get(other)?.get(planN);
        if (!codes.has(other)) throw new Error(`Unknown action line ${other} (in ${id})`);
        if (code) links.push({ plan: plan.key, node: code, confidence: 'verified' });
      }

      const activity = {
        key: `demo-${id}-${ti + 1}`,
        title,
        description,
        type,
        status,
        ...dates,
        countries,
        regional,
        participants,
        funding,
        links,
        sources: [{ title: 'Demonstration data', confidence: 'not_found', note: NOTICE }],
      };
      if (xFr) description.fr = `${OPENINGS_FR[type]} ${xFr}. Activité fictive, inventée pour la démonstration.`;
      activities.push(activity);
    });
  }
  return activities;
}

function write(name, header, data) {
  const text = YAML.stringify(data, {
    lineWidth: 0,
    indentSeq: true,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
  });
  fs.writeFileSync(path.join(OUT, name), `${header.map((l) => `# ${l}`.trimEnd()).join('\n')}\n\n${text}`);
}

const { byPlan, codes, lines } = buildFramework();
const activities = buildActivities(codes, lines);
fs.mkdirSync(OUT, { recursive: true });

const HEADER = [
  'FICTIONAL DEMONSTRATION DATA: every partnership, plan, organisation, activity, amount and date in',
  'this folder is invented, for demonstrations, training and measuring link suggestions. It is not',
  'loaded by default: `actionline seed --demo`, or SEED_DEMO=1 for `serve`. See docs/demo-data.md.',
  '',
  'Written by scripts/demo-seed.mjs; edit the script and run it again rather than editing this file.',
];

write('partnership.yaml', HEADER, {
  partnership: {
    key: 'asean-demo',
    slug: 'asean-demo',
    name: {
      en: 'ASEAN–Demonstration Partner (fictional demo data)',
      fr: 'ANASE-Partenaire de démonstration (données fictives)',
    },
    description: {
      en: 'A fictional dialogue partnership for demonstrations and training. Every plan, organisation and activity in it is invented for demonstration and describes no real cooperation.',
      fr: 'Un partenariat de dialogue fictif, pour les démonstrations et la formation. Tous ses plans, organisations et activités sont inventés pour la démonstration et ne décrivent aucune coopération réelle.',
    },
  },
  plans: PLANS.map((p) => ({
    key: p.key,
    slug: p.slug,
    title: {
      en: `Plan of Action of the ASEAN–Demonstration Partner Partnership (${p.start}–${p.end}) (fictional)`,
      fr: `Plan d’action du partenariat ANASE-Partenaire de démonstration (${p.start}-${p.end}) (fictif)`,
    },
    shortTitle: {
      en: `Demonstration Plan of Action ${p.start}–${p.end}`,
      fr: `Plan d’action de démonstration ${p.start}-${p.end}`,
    },
    periodStart: p.start,
    periodEnd: p.end,
    status: p.status,
    summary: {
      en: `A fictional Plan of Action for ${p.start}–${p.end}, invented for demonstrations: three pillars, twelve areas and thirty-six action lines.`,
      fr: `Un plan d’action fictif pour ${p.start}-${p.end}, inventé pour la démonstration${NBSP}: trois piliers, douze domaines et trente-six lignes d’action.`,
    },
    description: {
      en: NOTICE,
      fr: 'Données de démonstration fictives, écrites pour les démonstrations et la formation, qui ne rendent compte d’aucune coopération réelle.',
    },
    framework: byPlan.get(p.n),
  })),
});

write('organisations.yaml', HEADER, {
  organisations: ORGS.map(([key, en, fr, acronym, type, country, desc]) => ({
    key,
    name: { en, fr },
    ...(acronym ? { acronym } : {}),
    type,
    ...(country ? { country } : {}),
    description: { en: `${desc} Fictional: invented for demonstration data.` },
  })),
});

write('activities.yaml', HEADER, { activities });

console.log(
  `Wrote ${activities.length} activities and ${ORGS.length} organisations to ${path.relative(process.cwd(), OUT)}`,
);
