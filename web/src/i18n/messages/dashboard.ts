/** Catalogue group "dashboard" (see ../catalog.ts): the dashboard and its charts. French and English side by side. */
import type { Section } from '../translate.ts';

export const dashboard = {
  title: { fr: 'Tableau de bord', en: 'Dashboard' },
  period: { fr: 'Période', en: 'Period' },
  last24h: { fr: '24 h', en: '24 h' },
  days: { fr: { one: '{count} jour', other: '{count} jours' }, en: { one: '{count} day', other: '{count} days' } },
  kpiAlerts: { fr: 'Alertes', en: 'Alerts' },
  kpiPending: { fr: 'À qualifier', en: 'To qualify' },
  kpiAck: { fr: 'Délai moyen de prise en compte', en: 'Mean time to acknowledge' },
  kpiPrecision: { fr: 'Précision mesurée', en: 'Measured precision' },
  confirmedCount: { fr: { one: '{count} confirmée', other: '{count} confirmées' }, en: { one: '{count} confirmed', other: '{count} confirmed' } },
  falseAlarmCount: { fr: { one: '{count} fausse alerte', other: '{count} fausses alertes' }, en: { one: '{count} false alarm', other: '{count} false alarms' } },
  perDay: { fr: 'Alertes par jour', en: 'Alerts per day' },
  perDayChart: { fr: 'Alertes par jour, empilées par type', en: 'Alerts per day, stacked by type' },
  perType: { fr: 'Alertes par type', en: 'Alerts per type' },
  perCamera: { fr: 'Alertes par caméra', en: 'Alerts per camera' },
  precisionPerType: { fr: 'Précision par type', en: 'Precision per type' },
  precisionFormula: { fr: 'confirmées ÷ (confirmées + fausses alertes)', en: 'confirmed ÷ (confirmed + false alarm)' },
  precisionChart: { fr: 'Précision par type, mesurée par les opérateurs', en: 'Operator-measured precision per type' },
  notQualified: { fr: 'non qualifiées', en: 'not qualified' },
  uptime: { fr: 'Disponibilité des caméras', en: 'Camera uptime' },
  qualificationTable: { fr: 'Qualification par type', en: 'Qualification per type' },
  colType: { fr: 'Type', en: 'Type' },
  colTotal: { fr: 'Total', en: 'Total' },
  colConfirmed: { fr: 'Confirmées', en: 'Confirmed' },
  colFalseAlarm: { fr: 'Fausses alertes', en: 'False alarm' },
  colDuplicate: { fr: 'Doublons', en: 'Duplicate' },
  colPending: { fr: 'À qualifier', en: 'To qualify' },
  colPrecision: { fr: 'Précision', en: 'Precision' },
  // Charts (components/charts.tsx).
  noData: { fr: 'Aucune donnée sur cette période.', en: 'No data for this period.' },
  /** The tooltip of one part of a day's column. */
  dayPart: { fr: '{day} · {type} : {count}', en: '{day} · {type}: {count}' },
} as const satisfies Section;
