import { pillarsOf } from './pillars';
import { CheckReport } from '../engine/report-model';
import { Pillar, Severity } from '../engine/rule';

/** The counts of one pillar (or of the whole report). */
export interface PillarCounts {
  /** Every finding, acknowledged and baselined ones included: `open + acknowledged + baselined`. */
  readonly total: number;
  /** The findings no acknowledgment covers: the sum of `bySeverity`. */
  readonly open: number;
  /** The open findings by severity. Acknowledged findings are counted only in `acknowledged`. */
  readonly bySeverity: { readonly error: number; readonly warning: number; readonly info: number };
  /** The findings an acknowledgment covers. */
  readonly acknowledged: number;
  /** The findings a baseline entry covers (and no acknowledgment): recorded when the checks were adopted. */
  readonly baselined: number;
  /** How many rules of the pillar ran. */
  readonly rulesRun: number;
}

/** The counts of a report, per pillar and overall. */
export interface ReportSummary {
  /** The counts over every pillar. */
  readonly overall: PillarCounts;
  /** The counts of each pillar, in framework order, every pillar present (zeros when nothing ran). */
  readonly pillars: ReadonlyArray<{ readonly pillar: Pillar; readonly counts: PillarCounts }>;
}

function count(report: CheckReport, pillar?: Pillar): PillarCounts {
  const findings = report.findings.filter((f) => pillar === undefined || f.pillar === pillar);
  const open = findings.filter((f) => !f.acknowledged && !f.baselined);
  const acknowledged = findings.filter((f) => f.acknowledged).length;
  const bySeverity = {
    error: open.filter((f) => f.severity === Severity.ERROR).length,
    warning: open.filter((f) => f.severity === Severity.WARNING).length,
    info: open.filter((f) => f.severity === Severity.INFO).length,
  };
  return {
    total: findings.length,
    open: open.length,
    bySeverity,
    acknowledged,
    baselined: findings.length - open.length - acknowledged,
    rulesRun: report.rules.filter((r) => pillar === undefined || r.pillar === pillar).length,
  };
}

/** Count a report's findings per pillar and severity. */
export function summarize(report: CheckReport): ReportSummary {
  return {
    overall: count(report),
    pillars: pillarsOf([...report.rules, ...report.findings]).map((pillar) => ({
      pillar,
      counts: count(report, pillar),
    })),
  };
}
