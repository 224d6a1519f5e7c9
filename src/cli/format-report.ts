import { wrapLines } from '../base/wrap.js';
import type { EventOut, Explanation, NormInstance, PatternOut, Report } from '../engine/report.js';

/** An event in one line: `1937-03-01 aggression GMY → RUS (unprovoked: true)`, `assistance FRN → POL (against: GMY)`. */
export function eventLine(e: EventOut | PatternOut): string {
  const { date, type, by, against, to, ...fields } = e as Record<string, unknown>;
  const head = [date, type].filter(Boolean).join(' ');
  // Assistance goes to one state against another: `FRN → POL (against: GMY)`.
  const target = to ?? against;
  const rest = to && against ? { against, ...fields } : fields;
  const who = by && target ? ` ${by} → ${target}` : by ? ` by ${by}` : against ? ` against ${against}` : to ? ` to ${to}` : '';
  const extra = Object.entries(rest).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return `${head}${who}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`;
}

/** The missing alternatives in words: `approval by UKG + approval by ITA   or   referral by UKG`. */
export function missingLine(missing: PatternOut[][]): string {
  return missing.map((alt) => alt.map((p) => eventLine(p)).join(' + ')).join('   or   ');
}

/** One norm instance as a short paragraph; `holders`/`beneficiaries` when several instances read the same. */
export function instanceText(
  n: NormInstance,
  holders: readonly string[] = [n.holder],
  beneficiaries: readonly string[] = [n.beneficiary],
): string {
  const lines = [
    `  ${n.norm}  ${n.kind} ${statesText(holders)} → ${statesText(beneficiaries)}: ${n.action}${n.counterparty ? ` (against ${n.counterparty})` : ''}`,
  ];
  lines.push(`    status: ${n.status} since ${n.since}${n.trigger ? `   trigger: ${eventLine(n.trigger)}` : ''}`);
  if (n.missing.length > 0) lines.push(`    missing: ${missingLine(n.missing)}`);
  if (n.vetoes.length > 0) {
    lines.push(
      `    vetoes: ${n.vetoes.join(', ')} — ${n.vetoes.length === 1 ? 'can' : 'each can'}, by withholding one act, keep it from ever becoming due`,
    );
  }
  lines.push(`    cites: ${n.cites.join(', ')}`);
  return lines.join('\n');
}

/** The readable form of a report: the same content as the JSON, for a terminal. */
export function reportText(r: Report): string {
  const out = [`${r.scenario}${r.title ? ` — ${r.title}` : ''}`, `at ${r.at}`, '', 'Treaties'];
  for (const t of r.treaties) out.push(`  ${t.treaty.padEnd(28)} ${t.status}${t.since ? ` since ${t.since}` : ''}`);
  out.push('', r.norms.length > 0 ? 'Norms' : 'Norms: none touched by these events');
  for (const g of groupInstances(r.norms)) out.push(instanceText(g.first, g.holders, g.beneficiaries));
  return out.join('\n');
}

/** A list of states, wrapped in braces when there are several. */
function statesText(states: readonly string[]): string {
  return states.length === 1 ? (states[0] as string) : `{${states.join(', ')}}`;
}

interface InstanceGroup {
  first: NormInstance;
  holders: string[];
  beneficiaries: string[];
}

/**
 * Instances that say the same thing but for the holder (every Member's Covenant Art. 16
 * duty) or but for the beneficiary (one state's Kellogg-Briand prohibitions toward many)
 * print as one paragraph, in the report's order. The JSON keeps every instance.
 */
export function groupInstances(norms: readonly NormInstance[]): InstanceGroup[] {
  const same = (n: NormInstance, role: 'holder' | 'beneficiary') =>
    JSON.stringify([
      n.norm,
      n.kind,
      n.action,
      role === 'holder' ? n.beneficiary : n.holder,
      n.counterparty ?? '',
      n.status,
      n.since,
      n.trigger ? eventLine(n.trigger) : '',
      missingLine(n.missing),
      n.vetoes,
      n.cites,
    ]);
  const byHolder = new Map<string, InstanceGroup>();
  for (const n of norms) {
    const key = same(n, 'holder');
    const g = byHolder.get(key);
    if (g) g.holders.push(n.holder);
    else byHolder.set(key, { first: n, holders: [n.holder], beneficiaries: [n.beneficiary] });
  }
  const out: InstanceGroup[] = [];
  const byBeneficiary = new Map<string, InstanceGroup>();
  for (const g of byHolder.values()) {
    if (g.holders.length > 1) {
      out.push(g);
      continue;
    }
    const key = same(g.first, 'beneficiary');
    const other = byBeneficiary.get(key);
    if (other) other.beneficiaries.push(g.first.beneficiary);
    else {
      byBeneficiary.set(key, g);
      out.push(g);
    }
  }
  return out;
}

const MARK = { true: '✓', false: '✗', unknown: '?' } as const;

/** An explanation tree, indented, one node a line, with the treaty's words quoted under it. */
export function explanationText(x: Explanation, width = 100): string {
  const out: string[] = [];
  const visit = (n: Explanation, depth: number) => {
    const pad = '  '.repeat(depth);
    const head = n.rule ?? n.kind;
    out.push(`${pad}${MARK[n.value]} ${head}${n.provision ? `   [${n.provision}]` : ''}`);
    if (n.quote) out.push(...wrapLines(`“${n.quote}”`, Math.max(40, width - pad.length - 4), `${pad}    `));
    if (n.interpretation) out.push(...wrapLines(`interpretation: ${n.interpretation}`, Math.max(40, width - pad.length - 4), `${pad}    `));
    if (n.note) out.push(`${pad}    ${n.note}`);
    for (const e of n.events ?? []) out.push(`${pad}    event: ${eventLine(e)}`);
    for (const c of n.children ?? []) visit(c, depth + 1);
  };
  visit(x, 0);
  return out.join('\n');
}
