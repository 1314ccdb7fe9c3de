import { Finding } from '../engine/finding';
import { Pillar, Severity } from '../engine/rule';

/** The pillars in the order the Well-Architected Framework lists them; every report uses this order. */
export const PILLAR_ORDER: readonly Pillar[] = [
  Pillar.OPERATIONAL_EXCELLENCE,
  Pillar.SECURITY,
  Pillar.RELIABILITY,
  Pillar.PERFORMANCE_EFFICIENCY,
  Pillar.COST_OPTIMIZATION,
  Pillar.SUSTAINABILITY,
];

const PILLAR_TITLES: Record<Pillar, string> = {
  [Pillar.OPERATIONAL_EXCELLENCE]: 'Operational excellence',
  [Pillar.SECURITY]: 'Security',
  [Pillar.RELIABILITY]: 'Reliability',
  [Pillar.PERFORMANCE_EFFICIENCY]: 'Performance efficiency',
  [Pillar.COST_OPTIMIZATION]: 'Cost optimization',
  [Pillar.SUSTAINABILITY]: 'Sustainability',
};

/** The severities from most to least serious. */
export const SEVERITY_ORDER: readonly Severity[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/** The pillar's name as a person reads it, e.g. `Operational excellence`. Unknown values (custom rules built outside TypeScript) are shown as given. */
export function pillarTitle(pillar: Pillar): string {
  return PILLAR_TITLES[pillar] ?? String(pillar);
}

/**
 * Code-unit comparison, not `localeCompare`: the order must not depend on the machine's locale,
 * or the reports (and RULES.md) would differ between a laptop and CI.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank<T>(order: readonly T[], value: T): number {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
}

/** Compare pillars in framework order; unknown pillars go last, alphabetically. */
export function comparePillars(a: Pillar, b: Pillar): number {
  return rank(PILLAR_ORDER, a) - rank(PILLAR_ORDER, b) || compareStrings(a, b);
}

/** Compare severities, most serious first. */
export function compareSeverities(a: Severity, b: Severity): number {
  return rank(SEVERITY_ORDER, a) - rank(SEVERITY_ORDER, b) || compareStrings(a, b);
}

/**
 * The findings in the order every report lists them: stack, construct path, rule id (then message, so
 * even two findings of one rule on one resource have a fixed order). Returns a new array.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareStrings(a.stackName, b.stackName) ||
      compareStrings(a.constructPath, b.constructPath) ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.message, b.message),
  );
}

/** The pillars that have rules or findings, in framework order: the six pillars always, plus any unknown ones. */
export function pillarsOf(values: readonly { readonly pillar: Pillar }[]): Pillar[] {
  const extra = values.map((v) => v.pillar).filter((p) => !PILLAR_ORDER.includes(p));
  return [...PILLAR_ORDER, ...[...new Set(extra)].sort(compareStrings)];
}
