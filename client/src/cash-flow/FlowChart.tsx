import { useNavigate } from 'react-router-dom';
import { Layer, Rectangle, ResponsiveContainer, Sankey, Tooltip } from 'recharts';
import type { FlowNode, MonthCashFlow } from '../api/types';
import { formatMoney } from '../lib/format';
import { nodeLabel, transactionsHref } from './links';

const COLORS: Record<FlowNode['kind'], string> = {
  source: '#16a34a',
  income: '#2563eb',
  from_savings: '#f59e0b',
  group: '#dc2626',
  savings: '#0d9488',
};

interface NodeShape {
  x: number;
  y: number;
  width: number;
  height: number;
  index: number;
}

/** A month's money from its sources to its spending; a box opens its transactions. */
export function FlowChart({ data }: { data: MonthCashFlow }) {
  const navigate = useNavigate();
  const chart = {
    nodes: data.nodes.map((node) => ({ name: nodeLabel(node) })),
    links: data.links.map((link) => ({ source: link.source, target: link.target, value: Number(link.amount) })),
  };
  function Node({ x, y, width, height, index }: NodeShape) {
    const node = data.nodes[index];
    const label = `${nodeLabel(node)} ${formatMoney(node.amount, data.currency)}`;
    // Labels go outside the chart: left of the sources, right of the other boxes.
    const right = node.kind !== 'source' && node.kind !== 'from_savings';
    return (
      <Layer key={`node-${index}`}>
        <Rectangle
          x={x}
          y={y}
          width={width}
          height={Math.max(height, 2)}
          fill={COLORS[node.kind]}
          cursor="pointer"
          role="link"
          aria-label={label}
          data-testid={`flow-node-${index}`}
          onClick={() => void navigate(transactionsHref(node.transactions))}
        />
        <text
          x={right ? x + width + 6 : x - 6}
          y={y + height / 2}
          textAnchor={right ? 'start' : 'end'}
          dominantBaseline="middle"
          fontSize={12}
          style={{ fill: 'var(--text)' }}
          pointerEvents="none"
        >
          {label}
        </text>
      </Layer>
    );
  }

  return (
    <div className="chart chart-tall" data-testid="cash-flow-sankey">
      <ResponsiveContainer width="100%" height="100%">
        <Sankey
          data={chart}
          node={Node}
          role="img"
          aria-label={`Flow of money: ${data.nodes.map((n) => `${nodeLabel(n)} ${formatMoney(n.amount, data.currency)}`).join(', ')}. The tables below list each with its transactions.`}
          nodePadding={24}
          margin={{ top: 8, right: 180, bottom: 8, left: 180 }}
          link={{ stroke: '#94a3b8', strokeOpacity: 0.35 }}
        >
          <Tooltip formatter={(v) => formatMoney(Number(v), data.currency)} />
        </Sankey>
      </ResponsiveContainer>
    </div>
  );
}
