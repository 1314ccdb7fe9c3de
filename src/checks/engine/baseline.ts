import * as fs from 'fs';
import { Finding } from './finding';
import { CheckReport } from './report-model';

/**
 * One finding recorded in a baseline: the rule and the construct path of the resource. Construct paths are stable
 * across unrelated edits of the app (logical ids of nested constructs are not), and name the same resource in the
 * aspect's and the CLI's reports.
 */
export interface BaselineEntry {
  /** The rule's id, e.g. `WA-LambdaTracing`. */
  readonly ruleId: string;
  /** The construct path of the resource (CDK) or `<template>/<logicalId>` (plain templates). */
  readonly constructPath: string;
  /** Why the finding is accepted for now. @default - no reason given */
  readonly reason?: string;
}

/** The version of the baseline file's format. */
export const BASELINE_SCHEMA_VERSION = 1;

/** The file `cdk-well-architected baseline` writes by default. */
export const BASELINE_FILE_NAME = 'well-architected-baseline.json';

function keyOf(ruleId: string, constructPath: string): string {
  return `${ruleId}\u0000${constructPath}`;
}

/** The baseline of a report: one entry per open finding (acknowledged ones are covered already), sorted. */
export function baselineOf(report: CheckReport, reason?: string): BaselineEntry[] {
  const entries = new Map<string, BaselineEntry>();
  for (const f of report.findings) {
    if (!f.acknowledged) {
      entries.set(keyOf(f.ruleId, f.constructPath), {
        ruleId: f.ruleId,
        constructPath: f.constructPath,
        ...(reason ? { reason } : {}),
      });
    }
  }
  return [...entries.values()].sort(
    (a, b) =>
      (a.constructPath < b.constructPath ? -1 : a.constructPath > b.constructPath ? 1 : 0) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** The baseline file's text: pretty-printed JSON ending with a newline, stable from run to run. */
export function renderBaseline(entries: BaselineEntry[], generatedBy: string): string {
  return JSON.stringify({ schemaVersion: BASELINE_SCHEMA_VERSION, generatedBy, entries }, undefined, 2) + '\n';
}

/** Read a baseline file; throws an error naming the file and what is wrong with it. */
export function readBaseline(file: string): BaselineEntry[] {
  let parsed: any;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (e) {
    throw new Error(
      `baseline ${file} cannot be read (${(e as Error).message.split('\n')[0]}): write it with \`cdk-well-architected baseline <cdk.out>\``,
    );
  }
  const entries = parsed?.entries;
  if (!Array.isArray(entries)) {
    throw new Error(
      `baseline ${file} has no "entries" list: write it with \`cdk-well-architected baseline <cdk.out>\``,
    );
  }
  return entries.map((entry: any, i: number) => {
    if (typeof entry?.ruleId !== 'string' || typeof entry?.constructPath !== 'string') {
      throw new Error(`baseline ${file}: entries[${i}] needs a "ruleId" and a "constructPath" (strings)`);
    }
    if (entry.reason !== undefined && typeof entry.reason !== 'string') {
      throw new Error(`baseline ${file}: entries[${i}].reason must be a string`);
    }
    return { ruleId: entry.ruleId, constructPath: entry.constructPath, reason: entry.reason };
  });
}

/** Looks findings up in a baseline. */
export class BaselineLookup {
  private readonly byKey = new Map<string, BaselineEntry>();

  constructor(entries: BaselineEntry[]) {
    for (const entry of entries) {
      this.byKey.set(keyOf(entry.ruleId, entry.constructPath), entry);
    }
  }

  /** The entry that covers this finding, if any. */
  public find(ruleId: string, constructPath: string): BaselineEntry | undefined {
    return this.byKey.get(keyOf(ruleId, constructPath));
  }

  /**
   * The report with its findings marked as baselined where an entry covers them, and the entries of rules that ran
   * that cover no finding listed as stale (the resource was fixed or removed: the entry can go).
   */
  public apply(report: CheckReport): CheckReport {
    const used = new Set<string>();
    const findings: Finding[] = report.findings.map((f) => {
      const entry = f.acknowledged ? undefined : this.find(f.ruleId, f.constructPath);
      if (!entry) {
        return { ...f, baselined: false };
      }
      used.add(keyOf(entry.ruleId, entry.constructPath));
      return { ...f, baselined: true, baselineReason: entry.reason };
    });
    const ran = new Set(report.rules.map((r) => r.id));
    const stale = [...this.byKey.entries()]
      .filter(([key, entry]) => !used.has(key) && ran.has(entry.ruleId))
      .map(([, entry]) => entry);
    return { ...report, findings, staleBaselineEntries: stale };
  }
}
